package org.stowage.staging.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back the space of dead blocks, and keeps the journal short. Runs under the append lock after a record
 * that may have killed blocks is durable, so nothing is deleted before what replaces it is durable:
 * <ol>
 * <li>a sealed segment with no live block is deleted;</li>
 * <li>while the dead bytes on the volume (segment bytes no live block uses) exceed {@value #DEAD_SHARE_TO_COMPACT}
 * of the capacity, a sealed segment whose live bytes are below {@code compactBelowLiveRatio} of its size has its
 * live blocks copied (verified) to the active segment, forced, a MOVE record committed, and then it is deleted.
 * Only under that pressure: a drain releases the oldest blobs first, so a half-drained segment's live blocks are the
 * very next ones it releases, and the whole segment dies without a copy. Compacting it eagerly wrote half of what a
 * backup staged twice, in the drain's thread and under the append lock that the backup's stages wait for
 * (bench/README.md, the staging bench);</li>
 * <li>the journal is rewritten with one STAGE record per live object once it is larger than
 * {@code journalCompactMinBytes} and twice that content.</li>
 * </ol>
 */
final class Reclaimer {

    private static final Logger LOG = LoggerFactory.getLogger(Reclaimer.class);
    /** Dead bytes, as a share of the capacity, above which half-dead segments are compacted. */
    static final double DEAD_SHARE_TO_COMPACT = 0.25;

    private final StoreCore core;

    Reclaimer(StoreCore core) {
        this.core = core;
    }

    void run() throws IOException {
        for (Segment segment : core.segments.sealed()) {
            long live = core.inState(() -> core.table.blocks().liveBytesIn(segment.id()));
            if (live == 0) {
                deleteIfStillDead(segment);
            } else if (live < core.options.compactBelowLiveRatio() * segment.size() && underSpacePressure()) {
                compact(segment);
            }
        }
        long estimate = core.inState(core.table::snapshotBytesEstimate);
        if (core.journal.size() > Math.max(core.options.journalCompactMinBytes(), 2 * estimate)) {
            List<JournalRecord> records = core.inState(core.table::snapshot);
            long before = core.journal.size();
            core.journal.rewrite(records);
            LOG.info("Staging journal in {} compacted from {} to {} bytes ({} staged objects)", core.dir, before,
                    core.journal.size(), records.size());
        }
    }

    private boolean underSpacePressure() {
        long live = core.inState(() -> core.table.blocks().liveBytes());
        return core.segments.diskBytes() - live > DEAD_SHARE_TO_COMPACT * core.gate.capacity();
    }

    /** Deleted under the state lock, so a reader never pins a segment after it was chosen for deletion. */
    private void deleteIfStillDead(Segment segment) throws IOException {
        core.state.lock();
        try {
            if (core.table.blocks().liveBytesIn(segment.id()) == 0) {
                core.segments.delete(segment);
            }
        } finally {
            core.state.unlock();
        }
    }

    private void compact(Segment segment) throws IOException {
        List<BlockRef> live = core.inState(() -> core.table.blocks().liveBlocksIn(segment.id()));
        List<BlockRef> moved = new ArrayList<>(live.size());
        for (BlockRef ref : live) {
            ByteBuffer record = segment.read(ref.location());
            Optional<String> problem = BlockVerifier.problem(record, ref);
            if (problem.isPresent()) {
                LOG.error("Staging segment {} is not compacted: live block {} at offset {} is damaged ({}); the "
                        + "objects using it report it when read", segment.path(), ref.id(),
                        ref.location().offset(), problem.get());
                return; // the blocks copied so far are dead space in the active segment, reclaimed later
            }
            BlockHeader header = BlockHeader.decode(record).header().orElseThrow();
            moved.add(new BlockRef(ref.id(), core.segments.append(header, BlockVerifier.data(record))));
        }
        core.segments.forceWritten();
        core.commit(new JournalRecord.Move(moved));
        LOG.debug("Staging segment {} compacted: {} live blocks moved", segment.path(), moved.size());
        deleteIfStillDead(segment);
    }
}
