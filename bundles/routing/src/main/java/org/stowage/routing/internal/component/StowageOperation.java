package org.stowage.routing.internal.component;

/** What a {@code stowage:<operation>} endpoint does; the URI names it in lower case. */
public enum StowageOperation {
    /** Producer: back up paths, a job's paths, or the message body as one named file. */
    BACKUP,
    /** Producer: restore a snapshot below a target folder, or stream one file of it as the body. */
    RESTORE,
    /** Producer: the snapshots, oldest first. */
    SNAPSHOTS,
    /** Producer: the entries of a snapshot below a path. */
    LS,
    /** Producer: verify the repository. */
    CHECK,
    /** Producer: apply a retention policy, and prune if asked. */
    FORGET,
    /** Consumer: Stowage's events (jobs, snapshots, checks, devices, staging). */
    EVENTS;

    /** The operation of a URI's path, case-insensitively, or an error naming the operations there are. */
    static StowageOperation of(String uriPath) {
        for (StowageOperation op : values()) {
            if (op.name().equalsIgnoreCase(uriPath)) {
                return op;
            }
        }
        throw new IllegalArgumentException("stowage:" + uriPath + ": unknown operation '" + uriPath
                + "'; use one of backup, restore, snapshots, ls, check, forget (producers) or events (consumer)");
    }

    boolean isConsumer() {
        return this == EVENTS;
    }
}
