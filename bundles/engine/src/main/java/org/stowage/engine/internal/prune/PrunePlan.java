package org.stowage.engine.internal.prune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.stowage.engine.internal.pack.PackHeader;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;

/**
 * What prune will do, decided from the in-memory index (one location per blob) and the referenced set: a pack with
 * no referenced blob located in it is deleted; a pack whose referenced blobs, with the header a pack of them needs,
 * take less than {@code repackBelow} of its bytes is repacked (those blobs are copied to new packs, then it is
 * deleted). Counting that header keeps a tiny, fully used pack (one tree, say) from being rewritten at every prune.
 * Packs below {@code smallPack} bytes are the tails that every flush leaves; once there are
 * {@value #MIN_SMALL_PACKS} of them they are repacked too, merged into full packs, so that the number of device
 * objects follows the amount of data rather than the number of backups. Packs missing on the device are skipped (the
 * pruner has already rebuilt the index without them). Immutable once built.
 */
final class PrunePlan {

    /** Small packs are merged only from this many on: a few are not worth rewriting at every prune. */
    static final int MIN_SMALL_PACKS = 10;

    private final Set<String> delete = new TreeSet<>();
    private final Map<String, List<PackedBlob>> repack = new HashMap<>();
    private final Map<String, Integer> blobCounts = new HashMap<>();
    private long blobsRemoved;
    private long bytesFreed;

    PrunePlan(Map<String, Long> indexedPacks, Map<String, Long> onDevice, List<PackedBlob> indexed,
              Map<BlobKind, Set<BlobId>> referenced, double repackBelow, long smallPack) {
        Map<String, List<PackedBlob>> used = new HashMap<>();
        for (PackedBlob blob : indexed) {
            blobCounts.merge(blob.packId(), 1, Integer::sum);
            if (referenced.get(blob.kind()).contains(blob.id())) {
                used.computeIfAbsent(blob.packId(), k -> new ArrayList<>()).add(blob);
            }
        }
        Map<String, List<PackedBlob>> small = new HashMap<>();
        for (String packId : indexedPacks.keySet()) {
            Long size = onDevice.get(packId);
            if (size == null) {
                continue;
            }
            List<PackedBlob> kept = used.getOrDefault(packId, List.of());
            if (kept.isEmpty()) {
                delete.add(packId);
                accountRemoval(packId, kept, size);
            } else if (PackHeader.packSize(bytes(kept), kept.size()) < repackBelow * size) {
                repack(packId, kept, size);
            } else if (size < smallPack) {
                small.put(packId, kept);
            }
        }
        if (small.size() >= MIN_SMALL_PACKS) {
            small.forEach((packId, kept) -> repack(packId, kept, onDevice.get(packId)));
        }
    }

    private void repack(String packId, List<PackedBlob> kept, long size) {
        repack.put(packId, kept);
        accountRemoval(packId, kept, size);
    }

    /** Adds what goes with {@code packId} (all but {@code kept}) to the removed blobs and freed bytes. */
    private void accountRemoval(String packId, List<PackedBlob> kept, long size) {
        blobsRemoved += blobCounts.getOrDefault(packId, 0) - kept.size();
        bytesFreed += size - bytes(kept);
    }

    private static long bytes(List<PackedBlob> blobs) {
        return blobs.stream().mapToLong(PackedBlob::storedLength).sum();
    }

    /** Packs deleted outright. */
    Set<String> delete() {
        return delete;
    }

    /** Packs to repack, with the referenced blobs to copy out of each. */
    Map<String, List<PackedBlob>> repack() {
        return repack;
    }

    /** Every pack that goes away. */
    Set<String> removed() {
        Set<String> all = new TreeSet<>(delete);
        all.addAll(repack.keySet());
        return all;
    }

    long blobsRemoved() {
        return blobsRemoved;
    }

    /** Device bytes freed, less the bytes the copied blobs take again (headers of new packs not counted). */
    long bytesFreed() {
        return bytesFreed;
    }
}
