package org.stowage.engine.internal.placement;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceException;
import org.stowage.api.repository.RepositoryNotReadyException;

/**
 * The repository's metadata (keys, config, index files, snapshots, locks) kept on every metadata device
 * ({@link DeviceSet#metadataDevices}: the online random-access members): a put goes to each and succeeds when one took
 * it; a read comes from the first that has it; a listing is the union; a delete removes it from every online member.
 * {@link #sync} copies to a member what it missed while it was away, so that any one surviving device opens the
 * repository. Thread-safe.
 */
final class MetadataReplicas {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataReplicas.class);
    /** Metadata that a member must hold to open the repository on its own (locks are not copied). */
    private static final List<BlobType> REPLICATED = List.of(BlobType.KEY, BlobType.CONFIG, BlobType.INDEX,
            BlobType.SNAPSHOT);

    private final DeviceSet devices;
    private final String where;

    /** @param where the repository's name for messages (its first device's id) */
    MetadataReplicas(DeviceSet devices, String where) {
        this.devices = devices;
        this.where = where;
    }

    /** Writes to every metadata device; succeeds when one took it (the others are logged). */
    void put(BlobName name, ByteBuffer content) throws IOException {
        List<Device> targets = devices.metadataDevices();
        List<String> stored = new ArrayList<>();
        IOException failure = null;
        for (Device device : targets) {
            try {
                device.put(name, content);
                stored.add(device.descriptor().id());
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (stored.isEmpty()) {
            throw failure != null ? failure : noneOnline("write " + name);
        }
        if (failure != null) {
            LOG.warn("{} is stored on {} of {} metadata devices {}; the others get it when they are next synchronized "
                    + "({})", name, stored.size(), targets.size(), stored, failure.toString());
        }
    }

    <T> T read(BlobName name, FirstGoodCopy.Read<T> read) throws IOException {
        return FirstGoodCopy.read(name, readOrder(), read, () -> noneOnline("read " + name));
    }

    /** Every blob of {@code type} on the metadata devices (or, without them, any online member), once each. */
    void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
        Map<BlobName, BlobInfo> all = new LinkedHashMap<>();
        for (Device device : readOrder()) {
            device.list(type, info -> all.putIfAbsent(info.name(), info));
        }
        all.values().forEach(visitor);
    }

    /** Removes the blob from every online member (tapes keep disaster-recovery copies of metadata too). */
    void delete(BlobName name) throws IOException {
        for (Device device : devices.online()) {
            device.delete(name);
        }
    }

    /**
     * Copies to every online member the metadata it lacks (keys, config, index files, snapshots): members that were
     * away when it was written, and new members. Returns how many blobs were copied.
     */
    int sync() throws IOException {
        int copied = 0;
        for (BlobType type : REPLICATED) {
            Map<BlobName, List<String>> holders = new LinkedHashMap<>();
            for (Device device : devices.online()) {
                String id = device.descriptor().id();
                device.list(type, info -> holders.computeIfAbsent(info.name(), k -> new ArrayList<>()).add(id));
            }
            for (Map.Entry<BlobName, List<String>> blob : holders.entrySet()) {
                for (Device device : devices.online()) {
                    if (!blob.getValue().contains(device.descriptor().id())) {
                        device.put(blob.getKey(), read(blob.getKey(), d -> d.get(blob.getKey(), ByteRange.ALL)));
                        copied++;
                    }
                }
            }
        }
        return copied;
    }

    /**
     * Refuses an operation that deletes metadata (forget, prune, move) while a random-access member is away: its
     * copies of snapshots and index files would come back when it returns.
     */
    void requireEveryDevice(String operation) {
        List<String> missing = devices.missingRandomAccessMembers();
        if (!missing.isEmpty()) {
            throw new RepositoryNotReadyException("cannot " + operation + ": device(s) " + missing + " of the "
                    + "repository are not available, and the snapshots and index files they hold would come back "
                    + "with them; bring them online (or remove them from 'devices') and try again");
        }
    }

    /** The metadata devices, then the other online members (sequential devices hold copies too). */
    private List<Device> readOrder() {
        List<Device> order = new ArrayList<>(devices.metadataDevices());
        devices.online().stream().filter(d -> !order.contains(d)).forEach(order::add);
        return order;
    }

    private DeviceException noneOnline(String what) {
        return new DeviceException(where, "cannot " + what + ": no device of the repository is online ("
                + devices.describe() + ")");
    }
}
