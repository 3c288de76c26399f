package org.stowage.engine.internal.prune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;

/**
 * What prune will do, decided from the in-memory index (one location per blob) and the referenced set: a pack with
 * no referenced blob located in it is deleted; a pack whose referenced blobs take less than {@code repackBelow} of
 * its bytes is repacked (those blobs are copied to new packs, then it is deleted). Packs missing on the device are
 * left alone (check reports them). Immutable once built.
 */
final class PrunePlan {

    private final Set<String> delete = new TreeSet<>();
    private final Map<String, List<PackedBlob>> repack = new HashMap<>();
    private long blobsRemoved;
    private long bytesFreed;

    PrunePlan(Map<String, Long> indexedPacks, Map<String, Long> onDevice, List<PackedBlob> indexed,
              Map<BlobKind, Set<BlobId>> referenced, double repackBelow) {
        Map<String, List<PackedBlob>> used = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (PackedBlob blob : indexed) {
            counts.merge(blob.packId(), 1, Integer::sum);
            if (referenced.get(blob.kind()).contains(blob.id())) {
                used.computeIfAbsent(blob.packId(), k -> new ArrayList<>()).add(blob);
            }
        }
        indexedPacks.forEach((packId, size) -> {
            if (!onDevice.containsKey(packId)) {
                return;
            }
            List<PackedBlob> kept = used.getOrDefault(packId, List.of());
            long keptBytes = kept.stream().mapToLong(PackedBlob::storedLength).sum();
            if (kept.isEmpty()) {
                delete.add(packId);
            } else if (keptBytes < repackBelow * onDevice.get(packId)) {
                repack.put(packId, kept);
            } else {
                return;
            }
            blobsRemoved += counts.getOrDefault(packId, 0) - kept.size();
            bytesFreed += onDevice.get(packId) - keptBytes;
        });
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
