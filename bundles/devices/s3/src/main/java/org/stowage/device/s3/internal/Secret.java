package org.stowage.device.s3.internal;

/**
 * A secret configuration value (the S3 secret key). Its {@link #toString()} never shows the value, so that a
 * secret that ends up in a log line, message or record's text shows as {@code ******}. Only {@link #reveal()}
 * hands it out, for the one place that signs requests.
 */
final class Secret {

    static final Secret NONE = new Secret("");

    private final String value;

    Secret(String value) {
        this.value = value == null ? "" : value;
    }

    boolean isEmpty() {
        return value.isEmpty();
    }

    /** The value, for building the credentials provider only. */
    String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "(none)" : "******";
    }
}
