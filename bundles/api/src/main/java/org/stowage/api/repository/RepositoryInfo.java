package org.stowage.api.repository;

/**
 * The configured repository.
 *
 * @param id       the repository id (64 hex characters), or null when not initialized
 * @param deviceId the ids of the devices the repository is spread over, comma-separated (one for a single device)
 * @param state    whether it can be used
 * @param reason   why it cannot be used and what to do, or empty when ready
 */
public record RepositoryInfo(String id, String deviceId, State state, String reason) {

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
    }
}
