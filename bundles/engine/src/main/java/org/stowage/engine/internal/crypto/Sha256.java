package org.stowage.engine.internal.crypto;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Plain SHA-256, used to name content-addressed objects (packs, index files, snapshots, key files). */
public final class Sha256 {

    private Sha256() {
    }

    /** Lower-case hex SHA-256 of {@code bytes} from position to limit; the position is not changed. */
    public static String hex(ByteBuffer bytes) {
        MessageDigest digest = newDigest();
        digest.update(bytes.duplicate());
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String hex(byte[] bytes) {
        return hex(ByteBuffer.wrap(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
