package org.stowage.api.repository;

/** The repository's state, and its initialization. */
public interface RepositoryService {

    /** Identity and state of the configured repository; never throws for a repository that is not ready. */
    RepositoryInfo info();

    /**
     * Creates the repository on its configured devices with the configured password: a random master key,
     * wrapped by a key derived from the password, and the repository configuration. The result names the password
     * file (generated if it did not exist) and warns when other users can read it.
     *
     * @throws StowageException if the device already holds a repository, or no password is configured
     */
    RepositoryInfo init();

    /**
     * How the repository's packs are spread: for each device id, the bytes of the packs the index records a copy of
     * there (a pack with two copies counts on both). Empty while the repository is not ready.
     *
     * @since 1.4
     */
    default java.util.Map<String, Long> bytesByDevice() {
        return java.util.Map.of();
    }
}
