package org.stowage.api.repository;

/** Verifies the repository. */
public interface CheckService {

    /**
     * Checks that every snapshot's trees and blobs are indexed and every indexed pack exists with the right size;
     * with {@code readData}, also reads every pack and verifies every blob's authentication tag and hash.
     * Never changes the repository.
     */
    CheckReport check(boolean readData, ProgressListener listener);
}
