package org.stowage.api.repository;

import java.time.Instant;

/**
 * One key of the repository: the master key wrapped under one password. Never carries a password or key material.
 *
 * @param id      the key file's id (hex), as {@link KeyService#removeKey} takes it (a unique prefix will do)
 * @param created when the key was added
 * @param host    the host that added it
 * @param kdf     how the password is stretched, e.g. {@code scrypt}
 * @param current true for the key whose password this service opened the repository with
 */
public record RepositoryKeyInfo(String id, Instant created, String host, String kdf, boolean current) {
}
