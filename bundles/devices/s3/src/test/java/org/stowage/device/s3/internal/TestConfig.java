package org.stowage.device.s3.internal;

import java.lang.annotation.Annotation;

/** A mutable {@link S3DeviceConfig} for tests, with the OCD's defaults. */
@SuppressWarnings("ClassExplicitlyAnnotation")
final class TestConfig implements S3DeviceConfig {

    String deviceId = "s3-test";
    String kind = "OBJECT";
    String access = "RANDOM";
    String bucket = "stowage";
    String prefix = "";
    String region = "us-east-1";
    String endpoint = "";
    boolean pathStyle = true;
    String accessKey = S3Server.ACCESS_KEY;
    String secretKey = S3Server.SECRET_KEY;
    String secretKeyFile = "";
    String storageClass = "";
    String multipartThreshold = "64m";
    String partSize = "16m";
    int maxInFlight = 8;
    int retryAttempts = 5;
    int retryBaseDelay = 5;
    int connectTimeout = 2;
    int socketTimeout = 10;
    String capacity = "0";
    String busyWindows = "";
    boolean createBucket;

    static TestConfig of(S3Server server, String bucket, String prefix) {
        TestConfig config = new TestConfig();
        config.endpoint = server.endpoint();
        config.bucket = bucket;
        config.prefix = prefix;
        return config;
    }

    S3Settings settings() {
        return S3Settings.validate("org.stowage.device.s3-test", this);
    }

    @Override public String device_id() { return deviceId; }
    @Override public String device_kind() { return kind; }
    @Override public String device_access() { return access; }
    @Override public String bucket() { return bucket; }
    @Override public String prefix() { return prefix; }
    @Override public String region() { return region; }
    @Override public String endpoint() { return endpoint; }
    @Override public boolean path_style() { return pathStyle; }
    @Override public String access_key() { return accessKey; }
    @Override public String secret_key() { return secretKey; }
    @Override public String secret_key_file() { return secretKeyFile; }
    @Override public String storage_class() { return storageClass; }
    @Override public String multipart_threshold() { return multipartThreshold; }
    @Override public String part_size() { return partSize; }
    @Override public int max_in_flight() { return maxInFlight; }
    @Override public int retry_attempts() { return retryAttempts; }
    @Override public int retry_base_delay() { return retryBaseDelay; }
    @Override public int connect_timeout() { return connectTimeout; }
    @Override public int socket_timeout() { return socketTimeout; }
    @Override public String capacity() { return capacity; }
    @Override public String busy_windows() { return busyWindows; }
    @Override public boolean create_bucket() { return createBucket; }

    @Override
    public Class<? extends Annotation> annotationType() {
        return S3DeviceConfig.class;
    }
}
