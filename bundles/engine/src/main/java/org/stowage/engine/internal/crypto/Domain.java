package org.stowage.engine.internal.crypto;

import java.nio.charset.StandardCharsets;

/**
 * What an encrypted object is, bound into its GCM tag as associated data: an object sealed as one kind never
 * authenticates as another (a tree cannot be passed off as a snapshot, a pack header as an index file).
 */
public enum Domain {
    BLOB("stowage/blob/1"),
    PACK_HEADER("stowage/pack-header/1"),
    INDEX("stowage/index/1"),
    SNAPSHOT("stowage/snapshot/1"),
    CONFIG("stowage/config/1"),
    LOCK("stowage/lock/1"),
    CHECKPOINT("stowage/checkpoint/1"),
    KEY("stowage/key/1");

    private final byte[] aad;

    Domain(String label) {
        this.aad = label.getBytes(StandardCharsets.US_ASCII);
    }

    /** The associated data; callers must not modify it. */
    byte[] aad() {
        return aad;
    }

    public byte[] aadCopy() {
        return aad.clone();
    }
}
