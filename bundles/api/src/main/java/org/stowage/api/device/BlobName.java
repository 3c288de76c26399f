package org.stowage.api.device;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a blob on a device: its type and an id that is unique within the type.
 *
 * <p>Ids are 1 to 128 characters of {@code a-z 0-9 . _ -}, so every driver can use them verbatim as file names,
 * object keys or tape labels. Content-addressed blobs use their lower-case hex SHA-256 as id.
 */
public record BlobName(BlobType type, String id) implements Comparable<BlobName> {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    public BlobName {
        Objects.requireNonNull(type, "type");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("blob id '" + id + "' is not valid: use 1-128 characters of "
                    + "a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
    }

    public static BlobName of(BlobType type, String id) {
        return new BlobName(type, id);
    }

    @Override
    public int compareTo(BlobName other) {
        int byType = type.compareTo(other.type);
        return byType != 0 ? byType : id.compareTo(other.id);
    }

    /** {@code type/id}, e.g. {@code data/3f2a...}; used in messages. */
    @Override
    public String toString() {
        return type.folder() + "/" + id;
    }
}
