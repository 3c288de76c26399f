package org.stowage.device.s3.internal;

import org.apache.camel.impl.DefaultCamelContext;

/**
 * The bench's way into the S3 driver's package-private construction: the same {@link S3Device} that the DS
 * component builds, on a plain DefaultCamelContext instead of the OSGi one. Lives in the bench module only.
 */
public final class BenchDevices {

    private BenchDevices() {
    }

    /** An S3 device {@code bench} on {@code endpoint} with the driver's defaults (path style, static credentials). */
    public static S3Device open(String endpoint, String bucket, String prefix, String accessKey, String secretKey,
                                int maxInFlight) {
        return open("bench", endpoint, bucket, prefix, accessKey, secretKey, maxInFlight);
    }

    /** As {@link #open(String, String, String, String, String, int)}, with the device id {@code id}. */
    public static S3Device open(String id, String endpoint, String bucket, String prefix, String accessKey,
                                String secretKey, int maxInFlight) {
        S3DeviceConfig config = new S3DeviceConfig() {
            @Override public String device_id() { return id; }
            @Override public String device_kind() { return "OBJECT"; }
            @Override public String device_access() { return "RANDOM"; }
            @Override public String bucket() { return bucket; }
            @Override public String prefix() { return prefix; }
            @Override public String region() { return "us-east-1"; }
            @Override public String endpoint() { return endpoint; }
            @Override public boolean path_style() { return true; }
            @Override public String access_key() { return accessKey; }
            @Override public String secret_key() { return secretKey; }
            @Override public String secret_key_file() { return ""; }
            @Override public String storage_class() { return ""; }
            @Override public String multipart_threshold() { return "64m"; }
            @Override public String part_size() { return "16m"; }
            @Override public int max_in_flight() { return maxInFlight; }
            @Override public int retry_attempts() { return 5; }
            @Override public int retry_base_delay() { return 200; }
            @Override public int connect_timeout() { return 5; }
            @Override public int socket_timeout() { return 60; }
            @Override public String capacity() { return "0"; }
            @Override public String busy_windows() { return ""; }
            @Override public boolean create_bucket() { return false; }
            @Override public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return S3DeviceConfig.class;
            }
        };
        return new S3Device(S3Settings.validate(id, config), new DefaultCamelContext());
    }
}
