package org.stowage.engine.internal.crypto;

/**
 * A stored object could not be decoded: its tag does not verify (corrupt, tampered, or another key) or its
 * authenticated content is malformed. Callers turn it into an
 * {@link org.stowage.api.repository.IntegrityException} that names the object and the device.
 */
public class UndecodableException extends Exception {

    private static final long serialVersionUID = 1L;

    public UndecodableException(String message) {
        super(message);
    }

    public UndecodableException(String message, Throwable cause) {
        super(message, cause);
    }
}
