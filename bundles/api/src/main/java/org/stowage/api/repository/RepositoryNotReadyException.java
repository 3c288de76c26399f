package org.stowage.api.repository;

/** The repository cannot be used now: not initialized, wrong password, or its device is missing. */
public class RepositoryNotReadyException extends StowageException {

    private static final long serialVersionUID = 1L;

    public RepositoryNotReadyException(String message) {
        super(message);
    }
}
