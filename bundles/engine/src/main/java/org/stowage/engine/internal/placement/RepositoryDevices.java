package org.stowage.engine.internal.placement;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
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
import org.stowage.api.repository.RepositoryNotReadyException;

/**
 * A repository's devices seen as one {@link Device}: the one seam through which the engine reaches storage, so that
 * the index, snapshot store, lock, keys, packer, reader, checker and pruner work the same on one device or many.
 *
 * <ul>
 *   <li><b>Packs</b> ({@link BlobType#DATA}): {@link #place} writes one through the {@link Placement} (selector,
 *       copies, failover) and says where it went; {@code get} reads a copy, best first (see {@link #readOrder}), and
 *       tries the next copy when one fails; {@code list} shows every pack on any online device once;
 *       {@code delete} removes every copy on the online devices.</li>
 *   <li><b>Metadata</b> (keys, config, index files, snapshots, locks): {@code put} writes to every metadata device
 *       ({@link DeviceSet#metadataDevices}: the online random-access members) and succeeds when one took it;
 *       {@code get} reads from the first that has it; {@code list} is the union; {@code delete} removes it from
 *       every online member. {@link #syncMetadata} copies to a member what it missed while it was away, so that any
 *       one surviving device opens the repository.</li>
 * </ul>
 *
 * <p>Thread-safe. Failures of single devices that another device makes up for are logged, not thrown.
 */
public final class RepositoryDevices implements Device, PositionedDevice {

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryDevices.class);
    /** Metadata that a member must hold to open the repository on its own (locks are not copied). */
    private static final List<BlobType> REPLICATED = List.of(BlobType.KEY, BlobType.CONFIG, BlobType.INDEX,
            BlobType.SNAPSHOT);
    private static final int SPEED_WINDOW = 5;

    private final DeviceSet devices;
    private final Placement placement;
    private final PackLocations locations;
    private final DeviceSpeeds speeds;

    public RepositoryDevices(DeviceSet devices, Placement placement, PackLocations locations, DeviceSpeeds speeds) {
        this.devices = devices;
        this.placement = placement;
        this.locations = locations;
        this.speeds = speeds;
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
            writeToEach(devices.metadataDevices(), name, content, "metadata devices");
        }
    }

    /** Writes to every target; succeeds when one took it (the others are logged); returns the ids that took it. */
    private void writeToEach(List<Device> targets, BlobName name, ByteBuffer content, String what)
            throws IOException {
        List<String> stored = new ArrayList<>();
        IOException failure = null;
        for (Device device : targets) {
            try {
                device.put(name, content);
                stored.add(device.descriptor().id());
            } catch (IOException e) {
                failure = merge(failure, e);
            }
        }
        if (stored.isEmpty()) {
            throw failure != null ? failure : new DeviceException(descriptor().id(), "cannot write " + name
                    + ": no device of the repository is online (" + devices.describe() + ")");
        }
        if (failure != null) {
            LOG.warn("{} is stored on {} of {} {} {}; the others get it when they are next synchronized ({})", name,
                    stored.size(), targets.size(), what, stored, failure.toString());
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
        return firstThatReads(name, device -> {
            long started = System.nanoTime();
            ByteBuffer bytes = device.get(name, range);
            recordRead(device, name, bytes.remaining(), started);
            return new Located(bytes, device.descriptor().id());
        });
    }

    /** As {@link #get(BlobName, ByteRange, ByteBuffer)}; returns the id of the device that served the bytes. */
    public String readInto(BlobName name, ByteRange range, ByteBuffer out) throws IOException {
        int start = out.position();
        return firstThatReads(name, device -> {
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
        return firstThatReads(name, device -> {
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
        for (Device device : readOrder(name)) {
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
        Map<BlobName, BlobInfo> all = new LinkedHashMap<>();
        for (Device device : type == BlobType.DATA ? devices.online() : metadataReadOrder()) {
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
     * Refuses an operation that deletes metadata (forget, prune) while a random-access member is away: its copies of
     * snapshots and index files would come back when it returns.
     */
    public void requireEveryMetadataDevice(String operation) {
        List<String> missing = devices.missingRandomAccessMembers();
        if (!missing.isEmpty()) {
            throw new RepositoryNotReadyException("cannot " + operation + ": device(s) " + missing + " of the "
                    + "repository are not available, and the snapshots and index files they hold would come back "
                    + "with them; bring them online (or remove them from 'devices') and try again");
        }
    }

    /**
     * Copies to every online member the metadata it lacks (keys, config, index files, snapshots): members that were
     * away when it was written, and new members. Returns how many blobs were copied.
     */
    public int syncMetadata() throws IOException {
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
                        device.put(blob.getKey(), get(blob.getKey(), ByteRange.ALL));
                        copied++;
                    }
                }
            }
        }
        return copied;
    }

    /**
     * Where to read a blob, best first. Packs: the devices the index says hold it, then the other online members (the
     * index may not know every copy); each group idle before busy, random access before sequential, faster first.
     * Metadata: the metadata devices, then the other online members.
     */
    List<Device> readOrder(BlobName name) {
        if (name.type() != BlobType.DATA) {
            return metadataReadOrder();
        }
        List<String> holders = locations.devicesOf(name.id());
        Comparator<Device> preference = Comparator
                .comparing((Device d) -> !holders.contains(d.descriptor().id()))
                .thenComparing(d -> d.status().state() != DeviceState.IDLE)
                .thenComparing(d -> d.descriptor().access() != AccessType.RANDOM)
                .thenComparing(d -> -average(d));
        return devices.online().stream().sorted(preference).toList();
    }

    private List<Device> metadataReadOrder() {
        List<Device> order = new ArrayList<>(devices.metadataDevices());
        devices.online().stream().filter(d -> !order.contains(d)).forEach(order::add);
        return order;
    }

    private double average(Device device) {
        List<Double> recent = speeds.recent(device.descriptor().id());
        int from = Math.max(0, recent.size() - SPEED_WINDOW);
        return recent.subList(from, recent.size()).stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /**
     * Reads from the first device in {@link #readOrder} that succeeds. If none does: the first damaged copy's
     * {@link IntegrityException}, else the first read failure, else "not found" when no device holds the blob (the
     * others suppressed).
     */
    private <T> T firstThatReads(BlobName name, Read<T> read) throws IOException {
        IntegrityException damaged = null;
        IOException failure = null;
        BlobNotFoundException notFound = null;
        for (Device device : readOrder(name)) {
            try {
                T result = read.from(device);
                if (damaged != null || failure != null) {
                    LOG.warn("read {} from device '{}' after another copy failed: {}", name, device.descriptor().id(),
                            String.valueOf(damaged != null ? damaged.getMessage() : failure));
                }
                return result;
            } catch (IntegrityException e) {
                if (damaged == null) {
                    damaged = e;
                } else {
                    damaged.addSuppressed(e);
                }
            } catch (BlobNotFoundException e) {
                notFound = (BlobNotFoundException) merge(notFound, e);
            } catch (IOException e) {
                failure = merge(failure, e);
            }
        }
        if (damaged != null) {
            if (failure != null) {
                damaged.addSuppressed(failure);
            }
            throw damaged;
        }
        if (failure != null) {
            if (notFound != null) {
                failure.addSuppressed(notFound);
            }
            throw failure;
        }
        if (notFound != null) {
            throw notFound;
        }
        throw new DeviceException(descriptor().id(), "cannot read " + name + ": no device of the repository is "
                + "online (" + devices.describe() + ")");
    }

    private static IOException merge(IOException first, IOException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    @FunctionalInterface
    private interface Read<T> {
        T from(Device device) throws IOException;
    }
}
