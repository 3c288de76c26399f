package org.stowage.api.repository;

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
     * Adds a key that opens the repository with {@code password}, stretched at the cost of the current key. The
     * caller may clear the array afterwards; it is not kept.
     *
     * @throws StowageException if the password is empty or the key file cannot be written
     */
    RepositoryKeyInfo addKey(char[] password);

    /**
     * Removes the key with this id or unique id prefix. The current key is refused: switch the configuration to
     * another key's password first, so that the repository always stays openable.
     *
     * @return the key removed
     * @throws StowageException if no key or more than one matches, or the key is the current one
     */
    RepositoryKeyInfo removeKey(String id);
}
