package org.stowage.api.repository;

import java.nio.file.Path;
import java.util.List;

/**
 * The repository's keys: each wraps the same master key under its own password, so a password is changed by
 * adding a key with the new one, switching the repository configuration to it, and removing the old key. Every
 * key opens every snapshot; no data is re-encrypted.
 */
public interface KeyService {

    /** Every key, oldest first. */
    List<RepositoryKeyInfo> keys();

    /**
     * Adds a key that opens the repository with the password in {@code passwordFile}, read exactly as the
     * repository configuration's {@code password.file} is (its first line), so that pointing the configuration at
     * that file afterwards opens the repository with the new key. Stretched at the cost of the current key.
     *
     * @param passwordFile a file on the host that runs the repository service
     * @throws StowageException if the file is missing, unreadable or empty, or the key file cannot be written
     */
    RepositoryKeyInfo addKey(Path passwordFile);

    /**
     * Removes the key with this id or unique id prefix. The current key is refused: switch the configuration to
     * another key's password first, so that the repository always stays openable.
     *
     * @return the key removed
     * @throws StowageException if no key or more than one matches, or the key is the current one
     */
    RepositoryKeyInfo removeKey(String id);
}
