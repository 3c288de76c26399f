package org.stowage.staging.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.ByteRange;

/**
 * Reads a staged object: resolves its blocks and pins their segments under the state lock, then reads and verifies
 * every block with no lock held, so reads run in parallel with each other and with stages. A segment compacted or
 * deleted meanwhile stays readable through the pinned channel; its blocks' content is what their ids say.
 */
final class ObjectReader {

    private final StoreCore core;

    ObjectReader(StoreCore core) {
        this.core = core;
    }

    private record Snapshot(StagedObject object, List<BlockRef> refs, Map<Long, Segment> pinned) {
    }

    /**
     * The bytes of {@code range} of a staged object: only the blocks that overlap it are read and verified, so a
     * restore that reads one blob of a staged pack pays for that blob's blocks, not for the pack.
     *
     * @throws IllegalArgumentException if a bounded range reaches past the end of the object
     */
    Optional<StagedContent> read(String deviceId, BlobName name, ByteRange range) throws IOException {
        Optional<Snapshot> snapshot = core.inState(() -> core.table.get(deviceId, name).map(this::pin));
        if (snapshot.isEmpty()) {
            return Optional.empty();
        }
        Snapshot s = snapshot.get();
        try {
            long size = s.object().item().sizeBytes();
            long from = range.offset();
            long to = range.isAll() ? size : range.end();
            if (to > size) {
                throw new IllegalArgumentException("range " + range + " reaches past the end of staged blob " + name
                        + " (" + size + " bytes)");
            }
            ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(to - from));
            long objectOffset = 0;
            // a whole read checks every block, so that blocks beyond the recorded size are found too
            for (int i = 0; i < s.refs().size() && (range.isAll() || objectOffset < to); i++) {
                BlockRef ref = s.refs().get(i);
                long blockEnd = objectOffset + ref.location().length();
                if (blockEnd > from) {
                    copyOverlap(deviceId, name, s, i, objectOffset, from, out);
                }
                objectOffset = blockEnd;
            }
            if (out.hasRemaining()) {
                throw new StagedBlockDamagedException(deviceId, name, s.refs().size(), objectOffset, null,
                        core.segments.dir(), 0, "the blocks end " + (size - objectOffset) + " bytes before the "
                        + "object's recorded size");
            }
            return Optional.of(new StagedContent(s.object().item(), out.flip()));
        } finally {
            unpin(s.pinned());
        }
    }

    /** Reads and verifies block {@code index}, which starts at {@code objectOffset}, and copies what lies in range. */
    private void copyOverlap(String deviceId, BlobName name, Snapshot s, int index, long objectOffset, long from,
                             ByteBuffer out) throws IOException {
        BlockRef ref = s.refs().get(index);
        Segment segment = s.pinned().get(ref.location().segment());
        if (segment == null) {
            throw damaged(deviceId, name, index, objectOffset, ref, "its segment file is missing");
        }
        ByteBuffer record = segment.read(ref.location());
        Optional<String> problem = BlockVerifier.problem(record, ref);
        if (problem.isPresent()) {
            throw damaged(deviceId, name, index, objectOffset, ref, problem.get());
        }
        if (objectOffset + ref.location().length() > s.object().item().sizeBytes()) {
            throw damaged(deviceId, name, index, objectOffset, ref, "the blocks are longer than the object's "
                    + "recorded size " + s.object().item().sizeBytes());
        }
        ByteBuffer data = BlockVerifier.data(record);
        int skip = (int) Math.max(0, from - objectOffset); // blocks come in order: out is filled up to here
        int take = Math.min(ref.location().length() - skip, out.remaining());
        out.put(data.slice(data.position() + skip, take));
    }

    private Snapshot pin(StagedObject object) {
        List<BlockRef> refs = new ArrayList<>(object.blocks().size());
        Map<Long, Segment> pinned = new LinkedHashMap<>();
        for (BlockId id : object.blocks()) {
            BlockLocation location = core.table.blocks().locate(id).orElseThrow();
            refs.add(new BlockRef(id, location));
            if (!pinned.containsKey(location.segment())) {
                core.segments.get(location.segment()).filter(Segment::pin)
                        .ifPresent(segment -> pinned.put(location.segment(), segment));
            }
        }
        return new Snapshot(object, refs, pinned);
    }

    private void unpin(Map<Long, Segment> pinned) throws IOException {
        for (Segment segment : pinned.values()) {
            segment.unpin();
        }
    }

    private StagedBlockDamagedException damaged(String deviceId, BlobName name, int index, long objectOffset,
                                                BlockRef ref, String problem) {
        return new StagedBlockDamagedException(deviceId, name, index, objectOffset, ref.id(),
                Segment.pathOf(core.segments.dir(), ref.location().segment()), ref.location().offset(), problem);
    }
}
