package org.stowage.staging.internal.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live blocks: where each content id lies and how many references keep it. A reference is one place in one
 * staged object's block list (committed), or a pin held by a stage in flight that plans to reuse the block. A block
 * with neither is dead: it leaves the index and its bytes count as garbage in its segment.
 *
 * <p>Derived state: rebuilt from the journal at open, never written. Thread safety: none; the store guards it.
 */
final class BlockIndex {

    private static final class Entry {
        BlockLocation location;
        int refs;
        int pins;

        Entry(BlockLocation location) {
            this.location = location;
        }
    }

    private final Map<BlockId, Entry> blocks = new HashMap<>();
    private final Map<Long, Long> liveBytesBySegment = new HashMap<>();
    private long liveBytes;

    Optional<BlockLocation> locate(BlockId id) {
        Entry entry = blocks.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.location);
    }

    /** Adds a reference, recording the block at {@code location} if it is not live yet. */
    void reference(BlockId id, BlockLocation location) {
        blocks.computeIfAbsent(id, unused -> {
            account(location, +1);
            return new Entry(location);
        }).refs++;
    }

    /** Drops a reference; returns true if the block died. */
    boolean dereference(BlockId id) {
        Entry entry = existing(id);
        entry.refs--;
        return removeIfDead(id, entry);
    }

    /** Pins a live block for a stage in flight; returns false (pinning nothing) if the block is not live. */
    boolean pin(BlockId id) {
        Entry entry = blocks.get(id);
        if (entry == null) {
            return false;
        }
        entry.pins++;
        return true;
    }

    /** Drops a pin; returns true if the block died. */
    boolean unpin(BlockId id) {
        Entry entry = existing(id);
        entry.pins--;
        return removeIfDead(id, entry);
    }

    /** A live block now lies at {@code location} (segment compaction). Unknown ids are ignored: nothing uses them. */
    void move(BlockId id, BlockLocation location) {
        Entry entry = blocks.get(id);
        if (entry != null) {
            account(entry.location, -1);
            entry.location = location;
            account(location, +1);
        }
    }

    /** Bytes of block records (header and data) of all live blocks, each counted once. */
    long liveBytes() {
        return liveBytes;
    }

    /** Live record bytes in a segment; 0 when no live block lies there. */
    long liveBytesIn(long segment) {
        return liveBytesBySegment.getOrDefault(segment, 0L);
    }

    /** The live blocks lying in a segment, for compaction. Linear in the number of live blocks. */
    List<BlockRef> liveBlocksIn(long segment) {
        List<BlockRef> refs = new ArrayList<>();
        blocks.forEach((id, entry) -> {
            if (entry.location.segment() == segment) {
                refs.add(new BlockRef(id, entry.location));
            }
        });
        refs.sort((a, b) -> Long.compare(a.location().offset(), b.location().offset()));
        return refs;
    }

    int size() {
        return blocks.size();
    }

    private Entry existing(BlockId id) {
        Entry entry = blocks.get(id);
        if (entry == null || entry.refs + entry.pins <= 0) {
            throw new IllegalStateException("block " + id + " is not referenced; the staging store's reference "
                    + "counts are inconsistent (a bug): restart the staging service to rebuild them from the journal");
        }
        return entry;
    }

    private boolean removeIfDead(BlockId id, Entry entry) {
        if (entry.refs > 0 || entry.pins > 0) {
            return false;
        }
        blocks.remove(id);
        account(entry.location, -1);
        return true;
    }

    private void account(BlockLocation location, int sign) {
        long bytes = sign * location.recordLength();
        liveBytes += bytes;
        liveBytesBySegment.merge(location.segment(), bytes, (a, b) -> a + b == 0 ? null : a + b);
    }
}
