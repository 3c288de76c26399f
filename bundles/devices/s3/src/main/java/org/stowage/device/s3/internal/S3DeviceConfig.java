package org.stowage.device.s3.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of one S3 device: one factory configuration per device, e.g.
 * {@code etc/org.stowage.device.s3-offsite.cfg}. Keys are named after the service properties they become
 * ({@code device_id()} is key {@code device.id}), except the secret key: {@code secret.key} (a password attribute)
 * or {@code secret.key.file}, which is never published ({@link S3DeviceComponent}), logged, shown or put into a
 * message.
 */
@ObjectClassDefinition(name = "Stowage S3 device",
        description = "A bucket (and key prefix) on Amazon S3 or an S3-compatible store (MinIO, Ceph RGW, ...).")
@interface S3DeviceConfig {

    @AttributeDefinition(name = "Device id",
            description = "Unique id: 1-64 characters of a-z, 0-9, '-' and '_' (e.g. offsite).")
    String device_id();

    @AttributeDefinition(name = "Kind", description = "Object stores are OBJECT.",
            options = {@Option(label = "Object store", value = "OBJECT")})
    String device_kind() default "OBJECT";

    @AttributeDefinition(name = "Access", description = "Objects are read and written at random.",
            options = {@Option(label = "Random", value = "RANDOM")})
    String device_access() default "RANDOM";

    @AttributeDefinition(name = "Bucket", description = "Name of the bucket (3-63 characters of a-z, 0-9, '.', '-').")
    String bucket();

    @AttributeDefinition(name = "Prefix",
            description = "Key prefix under which the repository lives, e.g. stowage/host1; empty for the bucket root.")
    String prefix() default "";

    @AttributeDefinition(name = "Region", description = "Signing region, e.g. eu-central-1; S3-compatible stores "
            + "usually accept us-east-1.")
    String region() default "us-east-1";

    @AttributeDefinition(name = "Endpoint",
            description = "Endpoint override for S3-compatible stores, e.g. http://minio.lan:9000; empty for AWS.")
    String endpoint() default "";

    @AttributeDefinition(name = "Path-style access",
            description = "Address the bucket in the path (http://host/bucket/key) instead of the host name; "
                    + "MinIO, Ceph RGW and most S3-compatible stores need it.")
    boolean path_style() default false;

    @AttributeDefinition(name = "Access key",
            description = "Access key id; empty for the AWS default credentials chain (environment, profile, role).")
    String access_key() default "";

    @AttributeDefinition(name = "Secret key", type = AttributeType.PASSWORD,
            description = "Secret access key; required when the access key is set, unless secret.key.file names a "
                    + "file that holds it. Never published as a service property, logged or shown; but it stays in "
                    + "the configuration (etc/*.cfg, config:list): prefer secret.key.file.")
    String secret_key() default "";

    @AttributeDefinition(name = "Secret key file",
            description = "Absolute path of a file whose first line is the secret access key, readable by its owner "
                    + "only (a warning is logged otherwise); read when the device starts. Keeps the secret out of "
                    + "the configuration. Set this or secret.key, not both.")
    String secret_key_file() default "";

    @AttributeDefinition(name = "Storage class",
            description = "S3 storage class of new objects, e.g. STANDARD, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING; "
                    + "empty for the bucket's default. Archive classes (GLACIER, DEEP_ARCHIVE) cannot be read back "
                    + "directly and are refused.")
    String storage_class() default "";

    @AttributeDefinition(name = "Multipart threshold",
            description = "Blobs of this size or more are uploaded in parts (k, m, g suffixes; at least 5m).")
    String multipart_threshold() default "64m";

    @AttributeDefinition(name = "Part size", description = "Size of each part of a multipart upload (5m to 5g).")
    String part_size() default "16m";

    @AttributeDefinition(name = "Max in flight",
            description = "Operations in flight above which the device reports BUSY.", min = "1")
    int max_in_flight() default 8;

    @AttributeDefinition(name = "Retry attempts",
            description = "Attempts per operation on throttling (503 SlowDown, 429), 5xx and connection failures "
                    + "(1 = no retry).", min = "1", max = "20")
    int retry_attempts() default 5;

    @AttributeDefinition(name = "Retry base delay",
            description = "Milliseconds of the first backoff; it doubles per attempt (full jitter, at most 20 s).",
            min = "1")
    int retry_base_delay() default 200;

    @AttributeDefinition(name = "Connect timeout", description = "Seconds to wait for a connection.", min = "1")
    int connect_timeout() default 5;

    @AttributeDefinition(name = "Socket timeout",
            description = "Seconds without data on an open connection after which an attempt fails.", min = "1")
    int socket_timeout() default 60;

    @AttributeDefinition(name = "Capacity",
            description = "Limit of stored bytes: 0 for none, or a number with k, m, g or t (powers of 1024).")
    String capacity() default "0";

    @AttributeDefinition(name = "Busy windows",
            description = "Daily periods in which the device reports BUSY, in the local time zone: HH:mm-HH:mm, "
                    + "several separated by commas, e.g. 01:00-03:00. Empty for none.")
    String busy_windows() default "";

    @AttributeDefinition(name = "Create bucket",
            description = "Create the bucket when it does not exist. Off by default, so that a typo in 'bucket' "
                    + "shows as an offline device instead of a new, empty bucket.")
    boolean create_bucket() default false;
}
