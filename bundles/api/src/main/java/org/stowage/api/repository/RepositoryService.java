package org.stowage.api.repository;

/** The repository's state, and its initialization. */
public interface RepositoryService {

    /** Identity and state of the configured repository; never throws for a repository that is not ready. */
    RepositoryInfo info();

    /**
     * Creates the repository on its configured home device with the configured password: a random master key,
     * wrapped by a key derived from the password, and the repository configuration. The result names the password
     * file (generated if it did not exist) and warns when other users can read it.
     *
     * @throws StowageException if the device already holds a repository, or no password is configured
     */
    RepositoryInfo init();
}
