package org.stowage.api.repository;

/** Forgets snapshots by policy and prunes data no snapshot needs. */
public interface RetentionService {

    /**
     * Removes the snapshots the policy does not keep. Snapshots are grouped by host and paths; the policy applies
     * to each group. Only snapshot manifests are removed; their data stays until {@link #prune}.
     *
     * @param dryRun report what would be removed without removing it
     */
    ForgetResult forget(RetentionPolicy policy, boolean dryRun);

    /**
     * Deletes packs whose blobs no snapshot references and repacks packs that are mostly unreferenced. New packs
     * and the new index are durable before anything is deleted, so a crash at any point leaves every snapshot
     * restorable.
     */
    PruneResult prune(boolean dryRun, ProgressListener listener);
}
