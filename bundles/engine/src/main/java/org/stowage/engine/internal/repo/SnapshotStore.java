package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.repository.IntegrityException;
import org.stowage.api.repository.SnapshotNotFoundException;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.Sha256;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.crypto.UndecodableException;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/** Snapshot manifests on the device: encrypted JSON, id = hex SHA-256 of the stored bytes. Thread-safe. */
final class SnapshotStore {

    private final Device device;
    private final StoredForm form;

    SnapshotStore(Device device, StoredForm form) {
        this.device = device;
        this.form = form;
    }

    String save(Snapshot snapshot) throws IOException {
        byte[] stored = form.encodeToArray(Json.write(snapshot), Domain.SNAPSHOT);
        String id = Sha256.hex(stored);
        device.put(BlobName.of(BlobType.SNAPSHOT, id), ByteBuffer.wrap(stored));
        return id;
    }

    List<String> ids() throws IOException {
        List<String> ids = new ArrayList<>();
        device.list(BlobType.SNAPSHOT, info -> ids.add(info.name().id()));
        return ids;
    }

    /**
     * Every snapshot, oldest first (ties by id); fails on the first that does not decode. A snapshot that is gone
     * when it is read, after the listing named it, was forgotten meanwhile (forget takes no lock, so another
     * process's may run at any time): it is left out, as it would be had the listing come a moment later.
     */
    List<SnapshotRecord> all() throws IOException {
        List<SnapshotRecord> records = new ArrayList<>();
        for (String id : ids()) {
            try {
                records.add(load(id));
            } catch (SnapshotNotFoundException forgotten) {
                continue;
            }
        }
        records.sort(Comparator.comparing((SnapshotRecord r) -> r.snapshot().time()).thenComparing(SnapshotRecord::id));
        return records;
    }

    SnapshotRecord load(String id) throws IOException {
        BlobName name = BlobName.of(BlobType.SNAPSHOT, id);
        ByteBuffer stored;
        try {
            stored = device.get(name, ByteRange.ALL);
        } catch (BlobNotFoundException e) {
            throw new SnapshotNotFoundException("no snapshot " + id + " on device '" + device.descriptor().id()
                    + "'");
        }
        try {
            if (!Sha256.hex(stored).equals(id)) {
                throw new UndecodableException("its content does not hash to its name");
            }
            return new SnapshotRecord(id, Json.read(form.decode(stored, Domain.SNAPSHOT), Snapshot.class));
        } catch (UndecodableException | IOException e) {
            throw new IntegrityException("snapshot " + name + " on device '" + device.descriptor().id()
                    + "' is unreadable: " + e.getMessage() + ". Run check; delete the snapshot if it cannot be "
                    + "repaired", e);
        }
    }

    void delete(String id) throws IOException {
        BlobName name = BlobName.of(BlobType.SNAPSHOT, id);
        if (device.stat(name).isEmpty()) {
            throw new SnapshotNotFoundException("no snapshot " + id + " on device '" + device.descriptor().id()
                    + "' to delete");
        }
        device.delete(name);
    }
}
