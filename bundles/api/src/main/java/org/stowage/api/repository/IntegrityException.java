package org.stowage.api.repository;

/** Stored data failed verification (a corrupt or missing blob); nothing unverified was returned. */
public class IntegrityException extends StowageException {

    private static final long serialVersionUID = 1L;

    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
