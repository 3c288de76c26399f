package org.stowage.device.tape.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.stowage.api.device.BlobExistsException;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.BusyControl;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceDetails;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceFullException;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.MediaPosition;
import org.stowage.api.device.PositionedDevice;
import org.stowage.api.device.ProbeResult;
import org.stowage.api.device.support.BusyWindows;
import org.stowage.api.device.support.ByteSizes;
import org.stowage.api.device.support.DeviceLoad;
import org.stowage.api.device.support.TrafficMeter;

/**
 * A tape device: a library of cartridges (virtual, file-backed) or an LTFS volume behind one drive.
 *
 * <p><b>Append-only.</b> A put appends one tape file (header, data, file mark) at the end of data of the filling
 * cartridge and forces it before returning; the self-describing header is the durable catalog entry, so a crash
 * leaves either the complete tape file or a torn tail that the next start ignores. Nothing is overwritten:
 * delete appends a forget record, and a cartridge's space comes back only when all its blobs are forgotten and it
 * is recycled (relabelled). Names stay write-once while a blob is live.
 *
 * <p><b>One drive.</b> Every medium operation holds the drive, so concurrent callers queue; status reports BUSY
 * with what the drive does (loading, locating, rewinding, writing, reading) and the queue behind it. Reads locate
 * only when the target is not a short way ahead of the head, so reading blobs in {@link #position} order costs
 * one locate per region. stat, list and position come from the host catalog and never touch the medium.
 * Thread-safe.
 */
public class TapeDevice implements Device, BusyControl, DeviceDetails, PositionedDevice {

    private final DeviceDescriptor descriptor;
    private final TapeLibrary library;
    private final TapeDrive drive;
    private final Changer changer;
    private final DeviceLoad load;
    private final TrafficMeter traffic = new TrafficMeter();
    private final TapeStatus status;

    TapeDevice(DeviceDescriptor descriptor, TapeMedium medium, TapeTiming timing, int catalogEvery,
               BusyWindows windows, Clock clock, Motion motion) {
        this.descriptor = descriptor;
        this.library = new TapeLibrary(descriptor.id(), medium);
        this.drive = new TapeDrive(motion, timing);
        this.changer = new Changer(library, drive, catalogEvery);
        this.load = new DeviceLoad(Integer.MAX_VALUE, windows, clock);
        this.status = new TapeStatus(descriptor, library, drive, changer, load, traffic);
        status.tryOpen();
    }

    /** A device on a virtual library with real timing, for benchmarks and tools outside OSGi. */
    public static TapeDevice virtualLibrary(DeviceDescriptor descriptor, java.nio.file.Path folder, int slots,
                                            long cartridgeCapacity, TapeTiming timing) {
        return new TapeDevice(descriptor, new VirtualLibrary(folder, slots, "L", cartridgeCapacity, true), timing,
                64, BusyWindows.NONE, Clock.systemUTC(), Motion.REAL);
    }

    @Override
    public DeviceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public DeviceStatus status() {
        return status.current();
    }

    @Override
    public void setBusy(String reason, Instant until) {
        load.setBusy(reason, until);
    }

    @Override
    public void clearBusy() {
        load.clearBusy();
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws IOException {
        long length = content.remaining();
        try (DeviceLoad.InFlight op = load.begin()) {
            status.ensureOpen("put of " + name);
            drive.use("writing " + name, () -> {
                Optional<CatalogEntry> existing = library.entry(name);
                if (existing.isPresent()) {
                    if (existing.get().length() == length && existing.get().sha256().equals(sha256(content))) {
                        return null;
                    }
                    throw new BlobExistsException(descriptor.id(), name);
                }
                TapeHeader header = TapeHeader.blob(library.cartridges().iterator().next().label(), 0,
                        name.toString(), length);
                long fileSize = TapeFiles.size(header, length) + 16;
                checkLimit(name, fileSize);
                CartridgeState target = changer.forBlob(name, fileSize);
                Cartridge.TapeFile file = changer.append(target,
                        TapeHeader.blob(target.label(), target.generation, name.toString(), length), content);
                library.recordBlob(target, name, file);
                changer.catalogIfDue(target);
                return null;
            });
            traffic.record(length);
        } catch (IOException e) {
            throw library.failure("put of " + name, e);
        }
    }

    private void checkLimit(BlobName name, long fileSize) throws DeviceFullException {
        long limit = descriptor.capacityBytes();
        long used = library.used();
        if (limit > 0 && used + fileSize > limit) {
            throw new DeviceFullException(descriptor.id(), name, fileSize, Math.max(0, limit - used));
        }
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
        try (DeviceLoad.InFlight op = load.begin()) {
            status.ensureOpen("get of " + name);
            CatalogEntry entry = library.entry(name).orElseThrow(() -> new BlobNotFoundException(descriptor.id(), name));
            long offset = range.offset();
            long length = range.isAll() ? entry.length() : range.length();
            if (offset > entry.length() || offset + length > entry.length()) {
                throw new DeviceException(descriptor.id(), "get of " + name + " " + range + " reaches past the end "
                        + "of the blob (" + entry.length() + " bytes)");
            }
            if (length > Integer.MAX_VALUE - 16) {
                throw new DeviceException(descriptor.id(), "get of " + name + " " + range + ": at most 2 GiB per read");
            }
            ByteBuffer result = drive.use("reading " + name + " on " + entry.label(),
                    () -> read(name, entry, offset, (int) length));
            traffic.record(result.remaining());
            return result;
        } catch (IOException e) {
            throw library.failure("get of " + name + " " + range, e);
        }
    }

    private ByteBuffer read(BlobName name, CatalogEntry entry, long offset, int length) throws IOException {
        CartridgeState state = library.state(entry.label());
        if (library.entry(name).orElse(null) != entry || state.generation != entry.generation()) {
            throw new BlobNotFoundException(descriptor.id(), name); // forgotten while we waited for the drive
        }
        changer.mount(state);
        long start = entry.position() + entry.dataOffset() + offset;
        drive.positionTo(start);
        Cartridge.Streamed paced = drive.stream();
        ByteBuffer data = state.cartridge.read(entry.file(), entry.position(), entry.dataOffset(), offset, length);
        paced.bytes(length);
        drive.movedTo(start + length);
        return data;
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) throws IOException {
        status.ensureOpen("stat of " + name);
        return library.entry(name).map(e -> new BlobInfo(name, e.length()));
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
        status.ensureOpen("list of " + type.folder());
        for (CatalogEntry entry : List.copyOf(library.entries())) {
            if (entry.name().type() == type) {
                visitor.accept(new BlobInfo(entry.name(), entry.length()));
            }
        }
    }

    /** Forgets the blob: appends a forget record (nothing is erased); recycles its cartridge if it was the last. */
    @Override
    public void delete(BlobName name) throws IOException {
        try (DeviceLoad.InFlight op = load.begin()) {
            status.ensureOpen("delete of " + name);
            if (library.entry(name).isEmpty()) {
                return;
            }
            drive.use("forgetting " + name, () -> {
                Optional<CatalogEntry> entry = library.entry(name);
                if (entry.isPresent()) {
                    changer.forget(entry.get());
                }
                return null;
            });
        } catch (IOException e) {
            throw library.failure("delete of " + name, e);
        }
    }

    /**
     * Streams {@code bytes} of random data through the drive like a put — mount, locate to end of data, write at
     * the streaming rate — without keeping it. Virtual library: the data is written past the end of data without
     * file mark or fsync and the cartridge file is cut back to the end of data (on a real drive: written to the
     * buffer and never committed). LTFS: nothing is written, because whatever reaches an LTFS volume stays on tape
     * until it is reformatted; the probe then measures mount, positioning and pacing only.
     */
    @Override
    public ProbeResult probe(int bytes) throws IOException {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        ByteBuffer data = ByteBuffer.allocateDirect(bytes).put(random).flip();
        try (DeviceLoad.InFlight op = load.begin()) {
            status.ensureOpen("probe");
            long start = System.nanoTime();
            drive.use("probing with " + ByteSizes.format(bytes), () -> {
                BlobName probe = BlobName.of(BlobType.LOCK, "probe");
                CartridgeState target = changer.forBlob(probe, 0);
                drive.positionTo(target.endOfData);
                target.cartridge.probe(data, drive.stream());
                return null;
            });
            return new ProbeResult(descriptor.id(), bytes, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw library.failure("probe with " + bytes + " bytes", e);
        }
    }

    @Override
    public Optional<MediaPosition> position(BlobName name) {
        return library.entry(name).map(CatalogEntry::mediaPosition);
    }

    @Override
    public List<Section> details() {
        return TapeDetails.of(library, drive, changer);
    }

    /** Appends the pending catalog and unloads the cartridge; the device can still be used afterwards. */
    public void endSession() throws IOException {
        if (status.isOpen()) {
            drive.use("ending the session", () -> {
                changer.endSession();
                return null;
            });
        }
    }

    public long loads() {
        return drive.loads();
    }

    public long locates() {
        return drive.locates();
    }

    public long rewinds() {
        return drive.rewinds();
    }

    /** Only for a put of a name that exists: a new blob's SHA-256 is computed while it streams to tape. */
    private static String sha256(ByteBuffer content) {
        MessageDigest digest = Digests.sha256();
        digest.update(content.duplicate());
        return HexFormat.of().formatHex(digest.digest());
    }
}
