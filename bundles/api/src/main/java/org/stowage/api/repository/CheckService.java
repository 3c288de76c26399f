package org.stowage.api.repository;

/** Verifies the repository. */
public interface CheckService {

    /**
     * Checks that every snapshot's trees and blobs are indexed and every indexed pack exists with the right size;
     * with {@code readData}, also reads every pack and verifies every blob's authentication tag and hash.
     * Never changes the repository.
     */
    CheckReport check(boolean readData, ProgressListener listener);

    /**
     * Like {@link #check(boolean, ProgressListener)}, reading with {@code readData} only the copies that {@code device}
     * holds (of a repository spread over several devices); null reads every copy on every online device.
     *
     * @throws StowageException if {@code device} is not an online device of the repository
     * @since 1.4
     */
    default CheckReport check(boolean readData, String device, ProgressListener listener) {
        if (device != null) {
            throw new StowageException("this CheckService cannot check one device only");
        }
        return check(readData, listener);
    }
}
