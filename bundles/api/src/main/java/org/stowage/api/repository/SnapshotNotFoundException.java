package org.stowage.api.repository;

/** No snapshot, or more than one, matches the given id or prefix. */
public class SnapshotNotFoundException extends StowageException {

    private static final long serialVersionUID = 1L;

    public SnapshotNotFoundException(String message) {
        super(message);
    }
}
