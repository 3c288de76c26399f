package org.stowage.engine.internal.index;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.Sha256;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.crypto.UndecodableException;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.pack.PackHeader;
import org.stowage.engine.internal.pack.PackReader;
import org.stowage.engine.internal.repo.PackedBlob;

/**
 * Reads and writes index files, and re-indexes orphan packs (packs that no index file lists, left by a run that
 * crashed between pack upload and index write) from their headers. An index file's id is the hex SHA-256 of its
 * stored bytes. Thread-safe.
 */
public final class IndexStore {

    /** Index files written by {@link #writeAll} hold at most this many blobs each. */
    static final int BLOBS_PER_FILE = 100_000;

    private final Device device;
    private final StoredForm form;
    private final int packSize;

    /**
     * @param packSize the repository's target pack size: it bounds the pack headers read (see
     *                 {@link PackHeader#maxStoredLength})
     */
    public IndexStore(Device device, StoredForm form, int packSize) {
        this.device = device;
        this.form = form;
        this.packSize = packSize;
    }

    /** The repository's target pack size, which bounds its pack headers. */
    public int packSize() {
        return packSize;
    }

    /** Every index file id on the device. */
    public List<String> list() throws IOException {
        List<String> ids = new ArrayList<>();
        device.list(BlobType.INDEX, info -> ids.add(info.name().id()));
        return ids;
    }

    /**
     * Reads the index files {@code ids} and hands every pack they list to {@code packs}. An unreadable index file
     * does not stop the load: it is reported in {@code problems}, and its packs become orphans that
     * {@link #reindexOrphans} recovers from their headers.
     */
    public void load(Collection<String> ids, Consumer<PackRecord> packs, List<String> problems) throws IOException {
        for (String id : ids) {
            BlobName name = BlobName.of(BlobType.INDEX, id);
            try {
                read(name).forEach(packs);
            } catch (UndecodableException | IOException e) {
                problems.add("index file " + name + " on device '" + device.descriptor().id() + "' is unreadable ("
                        + e.getMessage() + "); its packs are re-indexed from their headers");
            }
        }
    }

    /**
     * Records in {@code index} where every listed pack is ({@code listing}: pack id to the devices that hold it, with
     * its size), and adds every pack it does not know, read from the pack's own header. Returns those packs; the
     * caller writes an index file for them with the next flush. A pack whose header cannot
     * be read (not a pack, damaged, gone since the listing, or a device read error) is reported in {@code problems}
     * and the others are still recovered.
     */
    public List<PackRecord> reindexOrphans(MasterIndex index, Map<String, Map<String, Long>> listing,
                                           List<String> problems) throws IOException {
        List<PackRecord> recovered = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> pack : listing.entrySet()) {
            String packId = pack.getKey();
            List<String> holders = List.copyOf(pack.getValue().keySet());
            if (index.hasPack(packId)) {
                index.addCopies(packId, holders);
                continue;
            }
            long size = pack.getValue().values().iterator().next();
            try {
                PackHeader header = PackReader.readHeader(device, form, packId, size, packSize);
                PackRecord record = new PackRecord(packId, size, holders,
                        header.entries().stream().map(e -> e.in(packId)).toList());
                index.add(record);
                recovered.add(record);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (UndecodableException | IOException e) {
                problems.add("pack " + BlobName.of(BlobType.DATA, packId) + " on device(s) " + holders + " is in no "
                        + "index file and its header is unreadable (" + e.getMessage() + "); its blobs are not used");
            }
        }
        return recovered;
    }

    /** Writes one index file listing {@code packs}; returns its id. */
    public String write(List<PackRecord> packs) throws IOException {
        List<IndexFile.Pack> entries = new ArrayList<>(packs.size());
        for (PackRecord pack : packs) {
            entries.add(new IndexFile.Pack(pack.id(), pack.size(), pack.devices(), pack.blobs().stream()
                    .map(b -> new IndexFile.Blob(b.kind(), b.id(), b.offset(), b.storedLength(), b.plainLength()))
                    .toList()));
        }
        byte[] stored = form.encodeToArray(Json.write(new IndexFile(IndexFile.VERSION, entries)), Domain.INDEX);
        String id = Sha256.hex(stored);
        device.put(BlobName.of(BlobType.INDEX, id), ByteBuffer.wrap(stored));
        return id;
    }

    /** Writes index files for all of {@code packs}, at most {@link #BLOBS_PER_FILE} blobs each; returns their ids. */
    public List<String> writeAll(List<PackRecord> packs) throws IOException {
        List<String> ids = new ArrayList<>();
        List<PackRecord> batch = new ArrayList<>();
        int blobs = 0;
        for (PackRecord pack : packs) {
            if (!batch.isEmpty() && blobs + pack.blobs().size() > BLOBS_PER_FILE) {
                ids.add(write(batch));
                batch.clear();
                blobs = 0;
            }
            batch.add(pack);
            blobs += pack.blobs().size();
        }
        if (!batch.isEmpty() || ids.isEmpty()) {
            ids.add(write(batch));
        }
        return ids;
    }

    /** The packs an index file lists. */
    public List<PackRecord> read(BlobName name) throws IOException, UndecodableException {
        IndexFile file = Json.read(form.decode(device.get(name, ByteRange.ALL), Domain.INDEX), IndexFile.class);
        List<PackRecord> packs = new ArrayList<>(file.packs().size());
        for (IndexFile.Pack pack : file.packs()) {
            List<PackedBlob> blobs = pack.blobs().stream().map(b -> new PackedBlob(b.kind(), b.id(), pack.id(),
                    b.offset(), b.storedLength(), b.plainLength())).toList();
            packs.add(new PackRecord(pack.id(), pack.size(), pack.devices() == null ? List.of() : pack.devices(),
                    blobs));
        }
        return packs;
    }
}
