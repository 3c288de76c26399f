package org.stowage.device.s3.internal;

import java.util.UUID;
import java.util.regex.Pattern;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;

/**
 * Object keys of a device: {@code <prefix>/<type folder>/<id>}, e.g. {@code stowage/host1/data/3f2a...}, or
 * {@code <type folder>/<id>} without a prefix. Probe objects go to {@code <prefix>/.probe/<random>}, outside every
 * type folder, so that no list ever sees them. Keys under a type folder that are not valid blob ids (sub-folders,
 * foreign objects) are ignored.
 */
final class S3Layout {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    private final String root;

    S3Layout(String prefix) {
        this.root = prefix.isEmpty() ? "" : prefix + "/";
    }

    String key(BlobName name) {
        return folder(name.type()) + name.id();
    }

    /** The key prefix of a type, ending in '/'. */
    String folder(BlobType type) {
        return root + type.folder() + "/";
    }

    /** A fresh key for one probe object. */
    String probeKey() {
        return root + ".probe/" + UUID.randomUUID();
    }

    /** The blob a listed key names, or null when the key is no blob of {@code type}. */
    BlobName nameOf(BlobType type, String key) {
        String folder = folder(type);
        if (!key.startsWith(folder)) {
            return null;
        }
        String id = key.substring(folder.length());
        return ID.matcher(id).matches() ? BlobName.of(type, id) : null;
    }
}
