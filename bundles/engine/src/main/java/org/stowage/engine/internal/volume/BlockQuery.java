package org.stowage.engine.internal.volume;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.stowage.api.volume.BlockRange;
import org.stowage.api.volume.BlockState;
import org.stowage.api.volume.VolumeBlocks;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/**
 * Answers a block-state query: the latest snapshot's record (clean or backed up, zero or not, which generation stored
 * each block) merged with the tracking of an exported volume (dirty, copied on write). Without a vouching tracker,
 * the record's states stand and {@code tracked} is false: writes made outside Stowage cannot be known. Blocks no
 * snapshot holds (the first backup has not run, or the volume grew) are dirty. Stateless.
 */
public final class BlockQuery {

    private BlockQuery() {
    }

    /** @param host the host whose snapshots of the volume count (a volume is configured per host) */
    public static VolumeBlocks query(Repository repo, VolumeDefinition v, VolumeTracker tracker, String host)
            throws IOException {
        Optional<SnapshotRecord> latest = VolumeRecords.latest(repo, v.name(), host);
        BlockMap record = latest.isPresent() ? VolumeRecords.record(repo, latest.get()) : null;
        VolumeTracker.Status status = tracker == null ? null : tracker.status();
        long size = tracker != null ? tracker.size() : record != null ? record.size() : 0;
        int blockSize = record != null && tracker == null ? record.blockSize() : v.blockSize();
        int blocks = (int) ((size + blockSize - 1) / blockSize);
        boolean vouched = status != null && status.vouched() && latest.isPresent()
                && status.base().equals(latest.get().id());
        boolean comparable = record != null && record.blockSize() == blockSize;
        BitSet dirty = status == null ? new BitSet() : status.dirty();
        Map<BlockState, Long> counts = new EnumMap<>(BlockState.class);
        for (BlockState s : BlockState.values()) {
            counts.put(s, 0L);
        }
        List<BlockRange> ranges = new ArrayList<>();
        BlockRange open = null;
        for (int i = 0; i < blocks; i++) {
            boolean inRecord = comparable && i < record.blocks();
            BlockState state;
            if (status != null && status.copied().get(i)) {
                state = BlockState.COPIED_ON_WRITE;
            } else if (!inRecord || status != null && (!vouched || dirty.get(i))) {
                state = BlockState.DIRTY;
            } else {
                state = record.state(i);
            }
            boolean zero = inRecord && record.isZero(i);
            int storedIn = inRecord ? record.storedIn(i) : 0;
            counts.merge(state, 1L, Long::sum);
            if (open != null && open.state() == state && open.zero() == zero && open.storedIn() == storedIn) {
                open = new BlockRange(open.first(), i, state, zero, storedIn);
            } else {
                if (open != null) {
                    ranges.add(open);
                }
                open = new BlockRange(i, i, state, zero, storedIn);
            }
        }
        if (open != null) {
            ranges.add(open);
        }
        return new VolumeBlocks(v.name(), blockSize, size, latest.map(SnapshotRecord::id).orElse(null),
                record == null ? 0 : record.generation(), vouched, counts, ranges);
    }
}
