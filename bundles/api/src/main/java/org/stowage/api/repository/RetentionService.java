package org.stowage.api.repository;

import java.util.Set;

/** Forgets snapshots by policy and prunes data no snapshot needs. */
public interface RetentionService {

    /**
     * Removes the snapshots the policy does not keep. Snapshots are grouped by host and paths; the policy applies
     * to each group. Only snapshot manifests are removed; their data stays until {@link #prune}.
     *
     * @param dryRun report what would be removed without removing it
     */
    default ForgetResult forget(RetentionPolicy policy, boolean dryRun) {
        return forget(policy, Set.of(), dryRun);
    }

    /**
     * Like {@link #forget(RetentionPolicy, boolean)}, but only snapshots that carry every one of {@code tags} are
     * considered (kept or removed); the others are left alone. A job passes its own tag so that its retention never
     * removes manual backups of the same paths.
     */
    ForgetResult forget(RetentionPolicy policy, Set<String> tags, boolean dryRun);

    /**
     * Deletes packs whose blobs no snapshot references and repacks packs that are mostly unreferenced. New packs
     * and the new index are durable before anything is deleted, so a crash at any point leaves every snapshot
     * restorable.
     */
    PruneResult prune(boolean dryRun, ProgressListener listener);
}
