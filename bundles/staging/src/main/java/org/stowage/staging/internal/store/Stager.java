package org.stowage.staging.internal.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.stowage.api.device.BlobName;
import org.stowage.api.staging.StagingFullException;

/**
 * Stages one object: cut it and identify its blocks (no lock), pin the blocks the store already has, reserve room
 * for the rest (waiting, without any lock, while the store is full), then under the append lock write the missing
 * blocks, force them, and commit the STAGE record. Content-addressed blocks the store already holds, from an older
 * version or any other object, are not written again: that is the delta rewrite ({@link BlockIdentity} says which
 * objects' blocks are content-addressed).
 */
final class Stager {

    private final StoreCore core;
    private final Reclaimer reclaimer;

    Stager(StoreCore core, Reclaimer reclaimer) {
        this.core = core;
        this.reclaimer = reclaimer;
    }

    /** The blocks one stage pins (kept alive until it committed) and the ones it expects to write. */
    private static final class Plan {
        final List<BlockId> pinned = new ArrayList<>();
        final Set<BlockId> missing = new LinkedHashSet<>();
        long need;
    }

    StagedItem stage(String deviceId, BlobName name, ByteBuffer content, Duration maxWait) throws IOException {
        long size = content.remaining();
        long capacity = core.gate.capacity();
        if (size > capacity) {
            throw new StagingFullException("blob " + name + " for device '" + deviceId + "' is " + size
                    + " bytes, more than the whole staging capacity of " + capacity + " bytes in " + core.dir
                    + "; it can never be staged: raise the staging maximum or write it to the device directly");
        }
        BlockIdentity identity = BlockIdentity.of(name.type());
        List<BlockSplitter.Block> blocks = BlockSplitter.split(content, core.options.blockSize(), identity);
        Plan plan = core.inState(() -> plan(blocks));
        try {
            Optional<CapacityGate.Refusal> refused = core.gate.reserve(plan.need, maxWait);
            if (refused.isPresent()) {
                throw full(deviceId, name, plan.need, maxWait, refused.get());
            }
            try {
                return write(deviceId, name, size, blocks, identity, plan);
            } finally {
                core.gate.unreserve(plan.need);
            }
        } finally {
            core.inState(() -> {
                plan.pinned.forEach(core.table.blocks()::unpin);
                return null;
            });
        }
    }

    private Plan plan(List<BlockSplitter.Block> blocks) {
        Plan plan = new Plan();
        for (BlockSplitter.Block block : blocks) {
            if (plan.missing.contains(block.id())) {
                continue;
            }
            if (core.table.blocks().pin(block.id())) {
                plan.pinned.add(block.id());
            } else {
                plan.missing.add(block.id());
                plan.need += BlockHeader.LENGTH + (long) block.length();
            }
        }
        return plan;
    }

    private StagedItem write(String deviceId, BlobName name, long size, List<BlockSplitter.Block> blocks,
                             BlockIdentity identity, Plan plan) throws IOException {
        try {
            core.appendLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (InterruptedIOException) new InterruptedIOException("interrupted before staging " + name
                    + " for device '" + deviceId + "'").initCause(e);
        }
        try {
            Instant now = core.options.clock().instant();
            // Another stage may have committed some missing blocks meanwhile: pin those instead of writing them.
            Set<BlockId> toWrite = core.inState(() -> pinCommittedMeanwhile(plan));
            Map<BlockId, BlockLocation> written = new HashMap<>();
            try {
                for (BlockSplitter.Block block : blocks) {
                    if (toWrite.contains(block.id()) && !written.containsKey(block.id())) {
                        BlockHeader header = new BlockHeader(now, block.length(), block.objectOffset(), block.id(),
                                identity);
                        written.put(block.id(), core.segments.append(header, block.data()));
                    }
                }
                core.segments.forceWritten();
            } catch (IOException e) {
                throw new IOException("could not write staged blob " + name + " for device '" + deviceId
                        + "' to the staging segments in " + core.segments.dir() + ": " + e.getMessage()
                        + " (nothing was staged; free space on the staging volume or lower the staging maximum)", e);
            }
            JournalRecord.Stage record = core.inState(() -> record(deviceId, name, size, now, blocks, written));
            core.commit(record);
            reclaimAfter(record);
            return core.inState(() -> core.table.get(deviceId, name).orElseThrow().item());
        } finally {
            core.appendLock.unlock();
        }
    }

    private Set<BlockId> pinCommittedMeanwhile(Plan plan) {
        Set<BlockId> toWrite = new LinkedHashSet<>();
        for (BlockId id : plan.missing) {
            if (core.table.blocks().pin(id)) {
                plan.pinned.add(id);
            } else {
                toWrite.add(id);
            }
        }
        return toWrite;
    }

    private JournalRecord.Stage record(String deviceId, BlobName name, long size, Instant now,
                                       List<BlockSplitter.Block> blocks, Map<BlockId, BlockLocation> written) {
        Optional<StagedObject> previous = core.table.get(deviceId, name);
        long version = core.table.allocateVersion();
        long order = previous.map(StagedObject::order).orElse(version);
        Instant first = previous.map(o -> o.item().firstStagedAt()).orElse(now);
        List<BlockRef> refs = new ArrayList<>(blocks.size());
        for (BlockSplitter.Block block : blocks) {
            BlockLocation location = written.get(block.id());
            refs.add(new BlockRef(block.id(), location != null ? location
                    : core.table.blocks().locate(block.id()).orElseThrow()));
        }
        return new JournalRecord.Stage(deviceId, name, order, version, size, first, now, refs);
    }

    /** The stage is durable: a failure to reclaim space must not make the caller think otherwise. */
    private void reclaimAfter(JournalRecord.Stage record) {
        try {
            reclaimer.run();
        } catch (IOException | RuntimeException e) {
            StagingStore.logReclaimFailure(core.dir, "staging " + record.name() + " for '" + record.deviceId() + "'", e);
        }
    }

    private StagingFullException full(String deviceId, BlobName name, long need, Duration waited,
                                      CapacityGate.Refusal refusal) {
        return new StagingFullException("staging space in " + core.dir + " stayed full for " + waited
                + " while blob " + name + " for device '" + deviceId + "' needed " + need + " bytes: "
                + refusal.used() + " of " + refusal.capacity() + " bytes used, " + refusal.reserved()
                + " reserved by stages in progress. Nothing was staged; drain a device that is idle "
                + "(stowage:staging shows what waits), or raise the staging maximum");
    }
}
