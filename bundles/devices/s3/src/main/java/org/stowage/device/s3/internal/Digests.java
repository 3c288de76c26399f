package org.stowage.device.s3.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers; every Java platform has SHA-256, so its absence is a broken JDK, not a device failure. */
final class Digests {

    private Digests() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** Lower-case hex CRC32C of {@code content} from position to limit (8 digits); the buffer is not changed. */
    static String crc32cHex(ByteBuffer content) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(content.duplicate());
        return String.format("%08x", crc.getValue());
    }

    /** Lower-case hex SHA-256 of {@code content} from position to limit; the buffer is not changed. */
    static String sha256Hex(ByteBuffer content) {
        MessageDigest digest = sha256();
        digest.update(content.duplicate());
        return HexFormat.of().formatHex(digest.digest());
    }
}
