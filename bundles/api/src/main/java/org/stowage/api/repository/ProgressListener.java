package org.stowage.api.repository;

/**
 * Receives progress of a long operation. Called from the operation's worker threads, at most a few times per
 * second for {@link #progress}; implementations must be thread-safe and return quickly.
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void progress(Progress progress) {
        }
    };

    void progress(Progress progress);

    /** A non-fatal problem with one item (e.g. an unreadable file that the backup skipped). */
    default void warning(String item, String message) {
    }

    /**
     * A backup from replicas left a failed replica for another and goes on from there (since 1.7). Called once per
     * switch, from the thread that saw the failure.
     */
    default void replicaSwitched(ReplicaSwitch change) {
    }
}
