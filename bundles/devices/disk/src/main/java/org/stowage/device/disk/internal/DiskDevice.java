package org.stowage.device.disk.internal;


import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.stowage.api.device.BlobExistsException;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.BusyControl;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;
import org.stowage.api.device.support.BusyWindows;
import org.stowage.api.device.support.DeviceLoad;
import org.stowage.api.device.support.ThroughputCollapse;
import org.stowage.api.device.support.TrafficMeter;

/**
 * A device on a directory of a local file system (DISK and FLASH kinds). Layout: see {@link DiskLayout}.
 *
 * <p><b>Durability.</b> put writes a temp file in the blob's folder (large blobs bypass the page cache where the file
 * system allows it, see {@link UnbufferedWrites}), forces it, renames it atomically to the blob's name and fsyncs the
 * folder (see {@link DurableFiles} for file systems without folder fsync). A crash leaves at most
 * a temp file, which a start an hour later removes. <b>Write-once</b>: a put looks for the name under a lock per name
 * stripe, then commits with {@link DurableFiles#commitNew}, which never replaces a file another process that shares
 * the root committed in between.
 *
 * <p>The root directory must exist: it is never created, so that an unmounted disk shows as OFFLINE instead of
 * silently filling the mount point. Sub-folders are created as needed. Thread-safe.
 */
public class DiskDevice implements Device, BusyControl {

    /** Called between writing the temp file and renaming it; lets tests hold puts in flight. */
    @FunctionalInterface
    interface CommitHook {
        CommitHook NONE = name -> { };

        void beforeCommit(BlobName name) throws IOException;
    }

    private final DeviceDescriptor descriptor;
    private final DiskLayout layout;
    private final DiskStatus status;
    private final DeviceLoad load;
    private final UsedSpace space;
    private final TrafficMeter traffic = new TrafficMeter();
    private final CommitHook hook;
    private final Object[] stripes = new Object[64];

    public DiskDevice(DeviceDescriptor descriptor, Path root, int maxInFlight) {
        this(descriptor, root, maxInFlight, BusyWindows.NONE);
    }

    /** A device that also reports BUSY during {@code busyWindows} (key {@code busy.windows}). */
    public DiskDevice(DeviceDescriptor descriptor, Path root, int maxInFlight, BusyWindows busyWindows) {
        this(descriptor, root, maxInFlight, busyWindows, Clock.systemUTC(), CommitHook.NONE);
    }

    DiskDevice(DeviceDescriptor descriptor, Path root, int maxInFlight, Clock clock, CommitHook hook) {
        this(descriptor, root, maxInFlight, BusyWindows.NONE, clock, hook);
    }

    DiskDevice(DeviceDescriptor descriptor, Path root, int maxInFlight, BusyWindows busyWindows, Clock clock,
               CommitHook hook) {
        this(descriptor, root, maxInFlight, busyWindows, clock, System::nanoTime, hook);
    }

    /** {@code nanoClock} times transfers for the throughput-collapse rule; tests pass a simulated one. */
    DiskDevice(DeviceDescriptor descriptor, Path root, int maxInFlight, BusyWindows busyWindows, Clock clock,
               LongSupplier nanoClock, CommitHook hook) {
        this.descriptor = descriptor;
        this.layout = new DiskLayout(root);
        this.load = new DeviceLoad(maxInFlight, busyWindows, clock, new ThroughputCollapse(nanoClock));
        this.space = new UsedSpace(descriptor.id(), descriptor.capacityBytes());
        this.status = new DiskStatus(descriptor.id(), layout, space, load, traffic);
        this.hook = hook;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
        status.tryOpen();
    }

    @Override
    public DeviceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public DeviceStatus status() {
        return status.current();
    }

    /**
     * Removes the device (driver stopped, configuration deleted): every later call fails with a message saying it
     * was not recorded, a put in flight is not committed, and the status is OFFLINE. Files stay as they are.
     */
    public void remove() {
        status.markRemoved();
    }

    /** Reports BUSY with {@code reason} until {@code until}: for operators (e.g. while the disk is scrubbed). */
    @Override
    public void setBusy(String reason, Instant until) {
        load.setBusy(reason, until);
    }

    /** Ends an operator-set busy period. */
    @Override
    public void clearBusy() {
        load.clearBusy();
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws IOException {
        Path target = layout.fileOf(name);
        try (DeviceLoad.InFlight op = load.begin()) {
            status.ensureOpen("put " + name);
            if (existsWithSameContent(name, target, content)) {
                return;
            }
            long size = content.remaining();
            space.reserve(name, size);
            boolean stored = false;
            try {
                stored = writeAndCommit(name, target, content);
            } finally {
                if (!stored) {
                    space.release(size);
                }
            }
            traffic.record(size);
            op.transferred(size);
        } catch (IOException e) {
            throw failure("put of " + name, target, e);
        }
    }

    /** Writes a temp file and renames it to the blob; false if an equal blob appeared meanwhile. */
    private boolean writeAndCommit(BlobName name, Path target, ByteBuffer content) throws IOException {
        Path folder = layout.createFolderOf(name, status::syncFolder);
        Path temp = DiskLayout.newTemp(folder);
        status.writeDurably(temp, content);
        boolean moved = false;
        try {
            hook.beforeCommit(name);
            synchronized (stripeOf(name)) {
                status.ensureNotRemoved("put of " + name); // removed while writing: the temp file goes
                if (existsWithSameContent(name, target, content)) {
                    return false;
                }
                boolean committed = DurableFiles.commitNew(temp, target);
                moved = true; // commitNew removed the temp file either way
                if (!committed) {
                    // another process committed the name after we looked
                    existsWithSameContent(name, target, content);
                    return false;
                }
            }
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
        status.syncFolder(folder);
        return true;
    }

    /** True if the blob exists with this content, false if it does not exist; BlobExistsException otherwise. */
    private boolean existsWithSameContent(BlobName name, Path target, ByteBuffer content) throws IOException {
        try {
            if (DurableFiles.sameContent(target, content)) {
                return true;
            }
        } catch (NoSuchFileException absent) {
            return false;
        }
        throw new BlobExistsException(descriptor.id(), name);
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
        Path file = layout.fileOf(name);
        try (DeviceLoad.InFlight op = load.begin()) {
            status.ensureOpen("get of " + name);
            ByteBuffer result = new RangeReader(descriptor.id(), name, file).read(range);
            traffic.record(result.remaining());
            op.transferred(result.remaining());
            return result;
        } catch (NoSuchFileException e) {
            throw (BlobNotFoundException) new BlobNotFoundException(descriptor.id(), name).initCause(e);
        } catch (IOException e) {
            throw failure("get of " + name + " " + range, file, e);
        }
    }

    /** Reads straight into the caller's buffer: no allocation per read. */
    @Override
    public void get(BlobName name, ByteRange range, ByteBuffer out) throws IOException {
        range.requireFits(name, out);
        Path file = layout.fileOf(name);
        try (DeviceLoad.InFlight op = load.begin()) {
            status.ensureOpen("get of " + name);
            new RangeReader(descriptor.id(), name, file).readInto(range, out);
            traffic.record(range.length());
            op.transferred(range.length());
        } catch (NoSuchFileException e) {
            throw (BlobNotFoundException) new BlobNotFoundException(descriptor.id(), name).initCause(e);
        } catch (IOException e) {
            throw failure("get of " + name + " " + range, file, e);
        }
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) throws IOException {
        Path file = layout.fileOf(name);
        try {
            status.ensureOpen("stat of " + name);
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(new BlobInfo(name, attributes.size())) : Optional.empty();
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("stat of " + name, file, e);
        }
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
        try {
            status.ensureOpen("list of " + type.folder());
            layout.list(type, visitor);
        } catch (IOException e) {
            throw failure("list of " + type.folder(), layout.root().resolve(type.folder()), e);
        }
    }

    @Override
    public void delete(BlobName name) throws IOException {
        Path file = layout.fileOf(name);
        try (DeviceLoad.InFlight op = load.begin()) {
            status.ensureOpen("delete of " + name);
            synchronized (stripeOf(name)) {
                long size;
                try {
                    size = Files.size(file);
                } catch (NoSuchFileException absent) {
                    return;
                }
                Files.delete(file);
                space.release(size);
            }
            status.syncFolder(file.getParent());
        } catch (IOException e) {
            throw failure("delete of " + name, file, e);
        }
    }

    /** Writes {@code bytes} of random data to a forced temp file in the root and deletes it again. */
    @Override
    public ProbeResult probe(int bytes) throws IOException {
        Path temp = DiskLayout.newTemp(layout.root());
        try (DeviceLoad.InFlight op = load.begin()) {
            status.ensureOpen("probe");
            byte[] data = new byte[bytes];
            ThreadLocalRandom.current().nextBytes(data);
            ByteBuffer buffer = ByteBuffer.allocateDirect(bytes).put(data).flip();
            long start = System.nanoTime();
            try {
                status.writeDurably(temp, buffer);
            } finally {
                Files.deleteIfExists(temp);
            }
            return new ProbeResult(descriptor.id(), bytes, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw failure("probe with " + bytes + " bytes", temp, e);
        }
    }

    private Object stripeOf(BlobName name) {
        return stripes[Math.floorMod(name.hashCode(), stripes.length)];
    }

    private DeviceException failure(String what, Path path, IOException e) {
        if (e instanceof DeviceException known) {
            return known;
        }
        return new DeviceException(descriptor.id(), what + " failed at " + path + ": " + e
                + "; check that the disk is mounted, writable and not full", e);
    }
}
