package org.stowage.engine.internal.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.stowage.engine.internal.repo.BlobId;

/**
 * Computes blob ids: HMAC-SHA256 of the plaintext under the repository's id key, so ids reveal nothing about content
 * to anyone without the key. The JDK's SHA-256 uses the CPU's SHA extensions (~1.2 GiB/s). Thread-safe: one
 * {@link Mac} per thread.
 */
public final class BlobHasher {

    private final ThreadLocal<Mac> macs;

    public BlobHasher(SecretKey idKey) {
        this.macs = ThreadLocal.withInitial(() -> newMac(idKey));
        newMac(idKey);
    }

    /** The id of {@code plaintext} from its position to its limit; the buffer's position is not changed. */
    public BlobId idOf(ByteBuffer plaintext) {
        Mac mac = macs.get();
        mac.update(plaintext.duplicate());
        return BlobId.fromBytes(mac.doFinal());
    }

    private static Mac newMac(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot compute HMAC-SHA256", e);
        }
    }
}
