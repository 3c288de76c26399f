package org.stowage.engine.internal.placement;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.MediaPosition;
import org.stowage.api.device.PositionedDevice;
import org.stowage.api.device.ProbeResult;
import org.stowage.api.placement.DeviceSpeeds;
import org.stowage.api.repository.IntegrityException;

/**
 * A repository's devices seen as one {@link Device}: the one seam through which the engine reaches storage, so that
 * the index, snapshot store, lock, keys, packer, reader, checker and pruner work the same on one device or many.
 *
 * <ul>
 *   <li><b>Packs</b> ({@link BlobType#DATA}): {@link #place} writes one through the {@link Placement} (selector,
 *       copies, failover) and says where it went; {@code get} reads a copy, best first (see {@link #readOrder}), and
 *       tries the next copy when one fails; {@code list} shows every pack on any online device once;
 *       {@code delete} removes every copy on the online devices.</li>
 *   <li><b>Metadata</b> (keys, config, index files, snapshots, locks): kept on every metadata device by
 *       {@link MetadataReplicas}.</li>
 * </ul>
 *
 * <p>Thread-safe. Failures of single devices that another device makes up for are logged, not thrown.
 */
public final class RepositoryDevices implements Device, PositionedDevice {

    private static final int SPEED_WINDOW = 5;

    private final DeviceSet devices;
    private final Placement placement;
    private final PackLocations locations;
    private final DeviceSpeeds speeds;
    private final MetadataReplicas metadata;

    public RepositoryDevices(DeviceSet devices, Placement placement, PackLocations locations, DeviceSpeeds speeds) {
        this.devices = devices;
        this.placement = placement;
        this.locations = locations;
        this.speeds = speeds;
        this.metadata = new MetadataReplicas(devices, devices.ids().get(0));
    }

    /** The same devices, placement and speeds, reading pack copies where {@code index} says they are. */
    public RepositoryDevices locatedBy(PackLocations index) {
        return new RepositoryDevices(devices, placement, index, speeds);
    }

    public DeviceSet members() {
        return devices;
    }

    /** The first configured member's descriptor: what messages name for the repository's storage. */
    @Override
    public DeviceDescriptor descriptor() {
        Device first = devices.get(devices.ids().get(0)).orElse(null);
        return first != null ? first.descriptor()
                : new DeviceDescriptor(devices.ids().get(0), "repository", org.stowage.api.device.DeviceKind.DISK,
                AccessType.RANDOM, 0);
    }

    /** OFFLINE only when no member is online; otherwise IDLE (each member has its own status). */
    @Override
    public DeviceStatus status() {
        if (devices.online().isEmpty()) {
            return new DeviceStatus(DeviceState.OFFLINE, "no device of the repository is online: "
                    + devices.describe(), 0, 0, 0, -1);
        }
        return new DeviceStatus(DeviceState.IDLE, "", 0, 0, 0, -1);
    }

    /**
     * Writes a pack through the placement; returns the devices that hold a durable copy.
     *
     * @param everywhere true for tree packs: the small structure without which no file restores goes to every online
     *                   member, so that any one surviving device restores what it holds
     */
    public List<String> place(BlobName name, ByteBuffer pack, String stream, boolean everywhere) throws IOException {
        return placement.place(name, pack, stream, everywhere);
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws IOException {
        if (name.type() == BlobType.DATA) {
            place(name, content, "", false);
        } else {
            metadata.put(name, content);
        }
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
        return read(name, range).bytes();
    }

    @Override
    public void get(BlobName name, ByteRange range, ByteBuffer out) throws IOException {
        readInto(name, range, out);
    }

    /** As {@link #get(BlobName, ByteRange)}, saying which device served the bytes. */
    public Located read(BlobName name, ByteRange range) throws IOException {
        return readFirst(name, device -> {
            long started = System.nanoTime();
            ByteBuffer bytes = device.get(name, range);
            recordRead(device, name, bytes.remaining(), started);
            return new Located(bytes, device.descriptor().id());
        });
    }

    /** As {@link #get(BlobName, ByteRange, ByteBuffer)}; returns the id of the device that served the bytes. */
    public String readInto(BlobName name, ByteRange range, ByteBuffer out) throws IOException {
        int start = out.position();
        return readFirst(name, device -> {
            out.position(start); // a failed copy may have written part of the range
            long started = System.nanoTime();
            device.get(name, range, out);
            recordRead(device, name, range.length(), started);
            return device.descriptor().id();
        });
    }

    /**
     * Reads a range from the copies in read order and hands each copy's bytes to {@code check} until one passes: a copy
     * whose bytes fail it ({@link IntegrityException}: a damaged copy) is passed over like one that cannot be read.
     * Returns what the check returned for the first good copy.
     */
    public <T> T readChecked(BlobName name, ByteRange range, CopyCheck<T> check) throws IOException {
        return readFirst(name, device -> {
            long started = System.nanoTime();
            ByteBuffer bytes = device.get(name, range);
            recordRead(device, name, bytes.remaining(), started);
            return check.accept(bytes, device.descriptor().id());
        });
    }

    /** Bytes and the id of the device they came from. */
    public record Located(ByteBuffer bytes, String deviceId) {
    }

    /** Verifies one copy's bytes; throws {@link IntegrityException} when they are damaged. */
    @FunctionalInterface
    public interface CopyCheck<T> {
        T accept(ByteBuffer bytes, String deviceId) throws IOException;
    }

    private void recordRead(Device device, BlobName name, long bytes, long started) {
        if (name.type() == BlobType.DATA) {
            speeds.record(device.descriptor().id(), bytes, System.nanoTime() - started);
        }
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) throws IOException {
        List<Device> order = name.type() == BlobType.DATA ? readOrder(name) : devices.online();
        for (Device device : order) {
            Optional<BlobInfo> info = device.stat(name);
            if (info.isPresent()) {
                return info;
            }
        }
        return Optional.empty();
    }

    /** Every blob of {@code type} on any online member, once each. */
    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
        if (type != BlobType.DATA) {
            metadata.list(type, visitor);
            return;
        }
        Map<BlobName, BlobInfo> all = new LinkedHashMap<>();
        for (Device device : devices.online()) {
            device.list(type, info -> all.putIfAbsent(info.name(), info));
        }
        all.values().forEach(visitor);
    }

    /** Every pack on an online member: pack id to the ids of the devices that hold it, with its size. */
    public Map<String, Map<String, Long>> listPacks() throws IOException {
        Map<String, Map<String, Long>> packs = new LinkedHashMap<>();
        for (Device device : devices.online()) {
            String id = device.descriptor().id();
            device.list(BlobType.DATA, info -> packs.computeIfAbsent(info.name().id(), k -> new LinkedHashMap<>())
                    .put(id, info.size()));
        }
        return packs;
    }

    /**
     * Reads a range of the copy of a pack that device {@code deviceId} holds, from that device only (check verifies
     * every copy); same contract as {@link Device#get(BlobName, ByteRange, ByteBuffer)}.
     */
    public void readCopy(BlobName name, String deviceId, ByteRange range, ByteBuffer out) throws IOException {
        Device device = member(name, deviceId);
        long started = System.nanoTime();
        device.get(name, range, out);
        recordRead(device, name, range.length(), started);
    }

    /** Writes a copy of a pack to device {@code deviceId} only (copy and move). */
    public void writeCopy(BlobName name, String deviceId, ByteBuffer pack) throws IOException {
        member(name, deviceId).put(name, pack);
    }

    /** Deletes the copy of a pack on device {@code deviceId} only (a move, once the new copies are recorded). */
    public void deleteCopy(BlobName name, String deviceId) throws IOException {
        member(name, deviceId).delete(name);
    }

    private Device member(BlobName name, String deviceId) throws DeviceException {
        return devices.get(deviceId).orElseThrow(() -> new DeviceException(deviceId, "cannot reach the copy of "
                + name + ": the device is not available (removed, or not configured)"));
    }

    /** The ids of the members that are online now, in configured order. */
    public List<String> onlineIds() {
        return devices.online().stream().map(d -> d.descriptor().id()).toList();
    }

    /** Removes the blob from every online member; a member that does not hold it is fine. */
    @Override
    public void delete(BlobName name) throws IOException {
        if (name.type() != BlobType.DATA) {
            metadata.delete(name);
            return;
        }
        for (Device device : devices.online()) {
            device.delete(name);
        }
    }

    /**
     * Where the copy a read would use first lies, when that copy is on a positioned (tape) device: restore then reads
     * such packs in medium order. Empty for copies on random-access devices.
     */
    @Override
    public Optional<MediaPosition> position(BlobName name) {
        List<Device> order = readOrder(name);
        if (!order.isEmpty() && order.get(0) instanceof PositionedDevice positioned) {
            return positioned.position(name);
        }
        return Optional.empty();
    }

    @Override
    public ProbeResult probe(int bytes) throws IOException {
        throw new DeviceException(descriptor().id(), "probe a member device, not the repository's set of devices");
    }

    /**
     * Refuses an operation that deletes metadata (forget, prune, move) while a random-access member is away: its
     * copies of snapshots and index files would come back when it returns.
     */
    public void requireEveryMetadataDevice(String operation) {
        metadata.requireEveryDevice(operation);
    }

    /**
     * Copies to every online member the metadata it lacks (keys, config, index files, snapshots). Returns how many
     * blobs were copied.
     */
    public int syncMetadata() throws IOException {
        return metadata.sync();
    }

    /**
     * Where to read a pack, best first: the devices the index says hold it, then the other online members (the index
     * may not know every copy); each group idle before busy, random access before sequential, faster first.
     */
    List<Device> readOrder(BlobName name) {
        List<String> holders = locations.devicesOf(name.id());
        Comparator<Device> preference = Comparator
                .comparing((Device d) -> !holders.contains(d.descriptor().id()))
                .thenComparing(d -> d.status().state() != DeviceState.IDLE)
                .thenComparing(d -> d.descriptor().access() != AccessType.RANDOM)
                .thenComparing(d -> -average(d));
        return devices.online().stream().sorted(preference).toList();
    }

    private double average(Device device) {
        List<Double> recent = speeds.recent(device.descriptor().id());
        int from = Math.max(0, recent.size() - SPEED_WINDOW);
        return recent.subList(from, recent.size()).stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** A pack from its copies in read order, or metadata from its replicas; see {@link FirstGoodCopy}. */
    private <T> T readFirst(BlobName name, FirstGoodCopy.Read<T> read) throws IOException {
        if (name.type() != BlobType.DATA) {
            return metadata.read(name, read);
        }
        return FirstGoodCopy.read(name, readOrder(name), read, () -> new DeviceException(descriptor().id(),
                "cannot read " + name + ": no device of the repository is online (" + devices.describe() + ")"));
    }
}
