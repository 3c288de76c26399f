package org.stowage.device.s3.internal;

import static org.stowage.api.device.support.ConfigKeys.invalid;
import static org.stowage.api.device.support.ConfigKeys.required;
import static org.stowage.api.device.support.ConfigKeys.size;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.support.BusyWindows;
import org.stowage.api.device.support.ConfigKeys;

/**
 * A validated {@link S3DeviceConfig}. Every problem is reported as
 * {@code "<pid>: key '<key>' <what is wrong and what to write>"} ({@link ConfigKeys}); no message and no {@link #toString()} contains
 * the secret key ({@link Secret}).
 *
 * @param endpoint the endpoint override, or null for AWS
 */
record S3Settings(DeviceDescriptor descriptor, String bucket, String prefix, String region, URI endpoint,
                  boolean pathStyle, String accessKey, Secret secretKey, String storageClass,
                  long multipartThreshold, long partSize, int maxInFlight, int retryAttempts,
                  Duration retryBaseDelay, Duration connectTimeout, Duration socketTimeout,
                  BusyWindows busyWindows, boolean createBucket) {

    static final String FAMILY = "s3";
    /** S3's smallest part (all but the last) of a multipart upload. */
    static final long MIN_PART = 5L << 20;
    static final long MAX_PART = 5L << 30;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._/-]*");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{2,40}");
    private static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA",
            "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "EXPRESS_ONEZONE", "OUTPOSTS");

    /**
     * Validates {@code config}.
     *
     * @param pid the configuration's name for messages, e.g. {@code org.stowage.device.s3-offsite}
     * @throws IllegalArgumentException naming the pid and the key
     */
    static S3Settings validate(String pid, S3DeviceConfig config) {
        String id = ConfigKeys.deviceId(pid, config.device_id());
        check(pid, "device.kind", config.device_kind(), DeviceKind.OBJECT.name());
        check(pid, "device.access", config.device_access(), AccessType.RANDOM.name());
        long capacity = size(pid, "capacity", config.capacity());
        long partSize = size(pid, "part.size", config.part_size());
        if (partSize < MIN_PART || partSize > MAX_PART) {
            throw invalid(pid, "part.size", "is " + partSize + " bytes; S3 needs 5m to 5g");
        }
        long threshold = size(pid, "multipart.threshold", config.multipart_threshold());
        if (threshold < MIN_PART) {
            throw invalid(pid, "multipart.threshold", "is " + threshold + " bytes; use 5m or more");
        }
        String access = config.access_key() == null ? "" : config.access_key().trim();
        Secret secret = SecretKeys.resolve(pid, config.secret_key(), config.secret_key_file());
        if (access.isEmpty() != secret.isEmpty()) {
            throw invalid(pid, access.isEmpty() ? "access.key" : "secret.key", "is missing: set 'access.key' and "
                    + "'secret.key.file' (or 'secret.key'), or none of them for the AWS default credentials chain");
        }
        return new S3Settings(new DeviceDescriptor(id, FAMILY, DeviceKind.OBJECT, AccessType.RANDOM, capacity),
                bucket(pid, config.bucket()), prefix(pid, config.prefix()), region(pid, config.region()),
                endpoint(pid, config.endpoint()), config.path_style(), access, secret,
                storageClass(pid, config.storage_class()), threshold, partSize,
                atLeast(pid, "max.in.flight", config.max_in_flight(), 1),
                between(pid, "retry.attempts", config.retry_attempts(), 1, 20),
                Duration.ofMillis(atLeast(pid, "retry.base.delay", config.retry_base_delay(), 1)),
                Duration.ofSeconds(atLeast(pid, "connect.timeout", config.connect_timeout(), 1)),
                Duration.ofSeconds(atLeast(pid, "socket.timeout", config.socket_timeout(), 1)),
                ConfigKeys.busyWindows(pid, config.busy_windows()), config.create_bucket());
    }

    /** Where the device talks to, for messages: the endpoint override or AWS's regional endpoint. */
    String endpointName() {
        return endpoint != null ? endpoint.toString() : "https://s3." + region + ".amazonaws.com";
    }

    @Override
    public String toString() {
        return "S3Settings[id=" + descriptor.id() + ", bucket=" + bucket + ", prefix=" + prefix + ", region=" + region
                + ", endpoint=" + endpointName() + ", pathStyle=" + pathStyle + ", credentials="
                + (accessKey.isEmpty() ? "default chain" : "static") + ", storageClass=" + storageClass
                + ", multipartThreshold=" + multipartThreshold + ", partSize=" + partSize
                + ", maxInFlight=" + maxInFlight + ", retryAttempts=" + retryAttempts + ", retryBaseDelay="
                + retryBaseDelay + ", capacity=" + descriptor.capacityBytes() + ", busyWindows=" + busyWindows + "]";
    }

    private static String bucket(String pid, String value) {
        String text = required(pid, "bucket", value);
        if (!BUCKET.matcher(text).matches() || text.contains("..")) {
            throw invalid(pid, "bucket", "is '" + text + "'; use 3-63 characters of a-z, 0-9, '.' and '-', "
                    + "starting and ending with a letter or digit");
        }
        return text;
    }

    private static String prefix(String pid, String value) {
        String text = value == null ? "" : value.trim();
        if (!PREFIX.matcher(text).matches() || text.contains("//") || text.contains("..")) {
            throw invalid(pid, "prefix", "is '" + text + "'; use letters, digits, '.', '_', '-' and single '/', "
                    + "e.g. stowage/host1");
        }
        return text.replaceAll("^/+|/+$", "");
    }

    private static String region(String pid, String value) {
        String text = value == null || value.isBlank() ? "us-east-1" : value.trim();
        if (!REGION.matcher(text).matches()) {
            throw invalid(pid, "region", "is '" + text + "'; use a region name such as eu-central-1");
        }
        return text;
    }

    private static URI endpoint(String pid, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw invalid(pid, "endpoint", "is '" + value.trim() + "'; use http(s)://host[:port] without "
                        + "credentials, e.g. http://minio.lan:9000");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(pid, "endpoint", "is not a URI: " + e.getMessage());
        }
    }

    private static String storageClass(String pid, String value) {
        String text = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (!text.isEmpty() && !STORAGE_CLASSES.contains(text)) {
            throw invalid(pid, "storage.class", "is '" + value.trim() + "'; use one of "
                    + STORAGE_CLASSES.stream().sorted().toList() + " or leave it empty (archive classes such as "
                    + "GLACIER cannot be read back directly)");
        }
        return text;
    }

    private static int atLeast(String pid, String key, int value, int min) {
        return between(pid, key, value, min, Integer.MAX_VALUE);
    }

    private static int between(String pid, String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(pid, key, "is " + value + "; use " + (max == Integer.MAX_VALUE ? min + " or more"
                    : min + " to " + max));
        }
        return value;
    }

    private static void check(String pid, String key, String value, String only) {
        if (!only.equals(value)) {
            throw invalid(pid, key, "is '" + value + "', but the s3 family only supports " + only);
        }
    }
}
