package org.stowage.staging.internal.store;

import java.time.Instant;
import java.util.List;

import org.stowage.api.device.BlobName;

/** One entry of the mapping journal. Replaying them in order rebuilds the mapping table. */
sealed interface JournalRecord {

    /**
     * A staged object's current version: it replaces any earlier version of the same (device, name).
     *
     * @param order          queue position, kept across versions (the first version's {@code version})
     * @param version        unique, increasing number of this stage
     * @param firstStagedAt  when the first version was staged
     * @param stagedAt       when this version was staged
     * @param blocks         the object's blocks in order; block i covers bytes [i × blockSize, …) of the object
     */
    record Stage(String deviceId, BlobName name, long order, long version, long size, Instant firstStagedAt,
                 Instant stagedAt, List<BlockRef> blocks) implements JournalRecord {
        public Stage {
            blocks = List.copyOf(blocks);
        }
    }

    /** The object left staging (it is durable on its device). */
    record Release(String deviceId, BlobName name) implements JournalRecord {
    }

    /** Live blocks were copied to a new place (segment compaction); every reference to them now reads there. */
    record Move(List<BlockRef> blocks) implements JournalRecord {
        public Move {
            blocks = List.copyOf(blocks);
        }
    }
}
