package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.snapshot.Checkpoint;

/**
 * Checkpoints of backups from replicas on the repository's metadata devices (docs/design.md §14a): encrypted JSON
 * under random names, so that a device that never overwrites (S3 puts, tape) takes them too. Thread-safe.
 */
public final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Device device;
    private final StoredForm form;

    CheckpointStore(Device device, StoredForm form) {
        this.device = device;
        this.form = form;
    }

    /** A checkpoint as stored, with its blob id. */
    public record Stored(String id, Checkpoint checkpoint) {
    }

    /** Writes {@code checkpoint} under a new name and returns the name; durable when this returns. */
    public String save(Checkpoint checkpoint) throws IOException {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String name = HexFormat.of().formatHex(id);
        device.put(BlobName.of(BlobType.CHECKPOINT, name), ByteBuffer.wrap(form.encodeToArray(Json.write(checkpoint),
                Domain.CHECKPOINT)));
        return name;
    }

    /**
     * Every checkpoint that decodes. One that does not (damaged, or written with another key) is logged and left
     * out: checkpoints are hints, nothing depends on reading one.
     */
    public List<Stored> list() throws IOException {
        List<BlobName> names = new ArrayList<>();
        device.list(BlobType.CHECKPOINT, info -> names.add(info.name()));
        List<Stored> out = new ArrayList<>();
        for (BlobName name : names) {
            ByteBuffer stored;
            try {
                stored = device.get(name, ByteRange.ALL);
            } catch (BlobNotFoundException gone) {
                continue; // replaced or deleted by its run since the listing
            }
            try {
                out.add(new Stored(name.id(), Json.read(form.decode(stored, Domain.CHECKPOINT), Checkpoint.class)));
            } catch (org.stowage.engine.internal.crypto.UndecodableException | IOException | RuntimeException e) {
                // undecodable or invalid: a hint nothing depends on
                LOG.warn("checkpoint {} on device '{}' does not decode and is ignored: {}", name.id(),
                        device.descriptor().id(), e.getMessage());
            }
        }
        return out;
    }

    /** Deletes a checkpoint; one already gone is not an error (its run or another process removed it). */
    public void delete(String id) throws IOException {
        device.delete(BlobName.of(BlobType.CHECKPOINT, id));
    }
}
