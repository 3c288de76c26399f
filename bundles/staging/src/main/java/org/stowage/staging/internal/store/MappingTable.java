package org.stowage.staging.internal.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.stowage.api.device.BlobName;

/**
 * S1's mapping table, in memory: which staged object belongs to which device, in queue order, and which blocks
 * make it up. Every change is a {@link JournalRecord} applied here, both live (after the record is durable) and
 * when the journal is replayed at open, so the two paths cannot disagree.
 *
 * <p>Thread safety: none; the store guards it.
 */
final class MappingTable {

    private record Key(String deviceId, BlobName name) {
    }

    private static final class DeviceQueue {
        final TreeMap<Long, StagedObject> byOrder = new TreeMap<>();
        long bytes;
    }

    private final BlockIndex blocks = new BlockIndex();
    private final Map<Key, StagedObject> objects = new HashMap<>();
    private final Map<String, DeviceQueue> queues = new TreeMap<>();
    private long nextVersion = 1;
    private long referenceCount;

    BlockIndex blocks() {
        return blocks;
    }

    /** A version number no staged object has, for the next stage. */
    long allocateVersion() {
        return nextVersion++;
    }

    Optional<StagedObject> get(String deviceId, BlobName name) {
        return Optional.ofNullable(objects.get(new Key(deviceId, name)));
    }

    void apply(JournalRecord record) {
        if (record instanceof JournalRecord.Stage stage) {
            applyStage(stage);
        } else if (record instanceof JournalRecord.Release release) {
            remove(new Key(release.deviceId(), release.name()));
        } else if (record instanceof JournalRecord.Move move) {
            move.blocks().forEach(ref -> blocks.move(ref.id(), ref.location()));
        }
    }

    private void applyStage(JournalRecord.Stage stage) {
        List<BlockId> ids = new ArrayList<>(stage.blocks().size());
        for (BlockRef ref : stage.blocks()) {
            blocks.reference(ref.id(), ref.location());
            ids.add(ref.id());
        }
        referenceCount += ids.size();
        Key key = new Key(stage.deviceId(), stage.name());
        remove(key); // after referencing the new blocks, so blocks both versions share never die in between
        StagedItem item = new StagedItem(stage.deviceId(), stage.name(), stage.size(), stage.firstStagedAt(),
                stage.stagedAt(), stage.version());
        StagedObject object = new StagedObject(item, stage.order(), ids);
        objects.put(key, object);
        DeviceQueue queue = queues.computeIfAbsent(stage.deviceId(), unused -> new DeviceQueue());
        queue.byOrder.put(stage.order(), object);
        queue.bytes += stage.size();
        nextVersion = Math.max(nextVersion, stage.version() + 1);
    }

    private void remove(Key key) {
        StagedObject old = objects.remove(key);
        if (old == null) {
            return;
        }
        old.blocks().forEach(blocks::dereference);
        referenceCount -= old.blocks().size();
        DeviceQueue queue = queues.get(key.deviceId());
        queue.byOrder.remove(old.order());
        queue.bytes -= old.item().sizeBytes();
        if (queue.byOrder.isEmpty()) {
            queues.remove(key.deviceId());
        }
    }

    /** The device's objects, oldest first. */
    List<StagedItem> list(String deviceId) {
        DeviceQueue queue = queues.get(deviceId);
        return queue == null ? List.of() : queue.byOrder.values().stream().map(StagedObject::item).toList();
    }

    List<DeviceUsage> usage() {
        List<DeviceUsage> usage = new ArrayList<>();
        queues.forEach((device, queue) -> usage.add(new DeviceUsage(device, queue.bytes, queue.byOrder.size(),
                Optional.of(queue.byOrder.firstEntry().getValue().item()))));
        return usage;
    }

    /** One STAGE record per object, in queue order across devices: the content of a compacted journal. */
    List<JournalRecord> snapshot() {
        List<JournalRecord> records = new ArrayList<>(objects.size());
        objects.values().stream().sorted(Comparator.comparingLong(StagedObject::order)).forEach(object -> {
            List<BlockRef> refs = object.blocks().stream()
                    .map(id -> new BlockRef(id, blocks.locate(id).orElseThrow())).toList();
            StagedItem item = object.item();
            records.add(new JournalRecord.Stage(item.deviceId(), item.name(), object.order(), item.version(),
                    item.sizeBytes(), item.firstStagedAt(), item.stagedAt(), refs));
        });
        return records;
    }

    /** Roughly how many bytes {@link #snapshot()} takes in a journal, to decide when compaction pays. */
    long snapshotBytesEstimate() {
        return objects.size() * 128L + referenceCount * (BlockId.LENGTH + 20L);
    }

    int objectCount() {
        return objects.size();
    }
}
