package org.stowage.staging.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.stowage.api.device.BlobName;

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

    Optional<StagedContent> read(String deviceId, BlobName name) throws IOException {
        Optional<Snapshot> snapshot = core.inState(() -> core.table.get(deviceId, name).map(this::pin));
        if (snapshot.isEmpty()) {
            return Optional.empty();
        }
        Snapshot s = snapshot.get();
        try {
            ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(s.object().item().sizeBytes()));
            long objectOffset = 0;
            for (int i = 0; i < s.refs().size(); i++) {
                BlockRef ref = s.refs().get(i);
                Segment segment = s.pinned().get(ref.location().segment());
                if (segment == null) {
                    throw damaged(deviceId, name, i, objectOffset, ref, "its segment file is missing");
                }
                ByteBuffer record = segment.read(ref.location());
                Optional<String> problem = BlockVerifier.problem(record, ref);
                if (problem.isPresent()) {
                    throw damaged(deviceId, name, i, objectOffset, ref, problem.get());
                }
                if (out.remaining() < ref.location().length()) {
                    throw damaged(deviceId, name, i, objectOffset, ref, "the blocks are longer than the object's "
                            + "recorded size " + s.object().item().sizeBytes());
                }
                out.put(BlockVerifier.data(record));
                objectOffset += ref.location().length();
            }
            if (out.hasRemaining()) {
                throw new StagedBlockDamagedException(deviceId, name, s.refs().size(), objectOffset, null,
                        core.segments.dir(), 0, "the blocks end " + out.remaining() + " bytes before the object's "
                        + "recorded size");
            }
            return Optional.of(new StagedContent(s.object().item(), out.flip()));
        } finally {
            unpin(s.pinned());
        }
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
