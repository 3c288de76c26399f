package org.stowage.api.repository;

/** An operation on the repository failed; the message says what, where and what to do. */
public class StowageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StowageException(String message) {
        super(message);
    }

    public StowageException(String message, Throwable cause) {
        super(message, cause);
    }
}
