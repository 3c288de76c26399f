package org.stowage.api.repository;

import java.util.List;

/**
 * The configured repository.
 *
 * @param id           the repository id (64 hex characters), or null when not initialized
 * @param deviceId     the ids of the devices the repository is spread over, comma-separated (one for a single
 *                     device)
 * @param state        whether it can be used
 * @param reason       why it cannot be used and what to do, or empty when ready
 * @param passwordFile the file that holds the repository password (never the password), or null where the service
 *                     does not report it; {@link RepositoryService#init()} reports it (since 1.3)
 * @param warnings     what an operator should fix although the repository works, e.g. a password file other users
 *                     can read; each names what and what to do; never null (since 1.3)
 */
public record RepositoryInfo(String id, String deviceId, State state, String reason, String passwordFile,
                             List<String> warnings) {

    public enum State {
        /** Open and usable. */
        READY,
        /** The home device holds no repository yet: run {@code stowage:init}. */
        UNINITIALIZED,
        /** The configured password does not open any key of the repository. */
        LOCKED,
        /** The home device is not available. */
        UNAVAILABLE
    }

    public RepositoryInfo {
        reason = reason == null ? "" : reason;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Without password file and warnings (the form of version 1.2). */
    public RepositoryInfo(String id, String deviceId, State state, String reason) {
        this(id, deviceId, state, reason, null, List.of());
    }
}
