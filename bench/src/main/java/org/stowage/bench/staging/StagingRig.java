package org.stowage.bench.staging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.ProbeResult;
import org.stowage.api.selector.NodeSelector;
import org.stowage.api.staging.StagingReport;
import org.stowage.api.staging.support.StagingViews;
import org.stowage.bench.placement.DiskFolders;
import org.stowage.device.disk.internal.DiskDevice;
import org.stowage.device.disk.internal.DiskProfile;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.engine.internal.placement.DeviceSet;
import org.stowage.engine.internal.placement.PlacementPolicy;
import org.stowage.engine.internal.placement.Selectors;
import org.stowage.engine.internal.placement.SpeedLog;
import org.stowage.engine.internal.placement.StorageSpec;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;
import org.stowage.selectors.internal.CopiesSelector;
import org.stowage.staging.internal.service.Staging;
import org.stowage.staging.internal.sizing.SizingPolicy;
import org.stowage.staging.internal.sizing.StagingSizer;
import org.stowage.staging.internal.store.StagingStore;
import org.stowage.staging.internal.store.StoreOptions;

/**
 * One bench run's installation, wired as Karaf wires it, on a plain class path: the disk driver's devices {@code disk}
 * (kind DISK) and {@code flash} (kind FLASH) in two fresh folders of the work directory, the virtual tape
 * {@code tape} ({@link TapeSink} paced by the test kit's {@code FaultyDevice}, behind {@link BusyTape}); the staging
 * service as its DS component builds it ({@code StagingStore.open} on a fresh directory of the work directory's file
 * system with the configured minimum as first capacity, {@link Staging} with the sizer between the default
 * {@code min} and {@code max}, every device bound, the status poll scheduled, two drain threads); and the engine's
 * repository as {@code RepositoryComponent} builds it: a {@link DeviceSet} fed through the api's
 * {@link StagingViews}, so that each device is replaced by its staging view, and {@code copies = 3} with the
 * {@code copies} selector. Packs are written by the engine's direct placement.
 */
final class StagingRig implements AutoCloseable {

    /** Whether the staging service is installed, and if so whether it stages ({@code enabled}). */
    enum StagingMode { NONE, ENABLED, DISABLED }

    static final char[] PASSWORD = "staging-bench".toCharArray();
    static final List<String> IDS = List.of("disk", "flash", "tape");
    /** The defaults of etc/org.stowage.staging.cfg ({@code min}, {@code max}, {@code stage.wait.seconds}). */
    static final long MIN_BYTES = 1L << 30;
    static final long MAX_BYTES = 64L << 30;
    static final Duration STAGE_WAIT = Duration.ofSeconds(1800);
    /**
     * {@code poll.seconds}: 1 s, the lowest the configuration allows, where the default is 10 s. In Karaf with
     * stowage-routing the drain starts at the BUSY to IDLE transition that the status route sees (every
     * {@code status.interval}, default 1 s); the component's own poll is the fallback. The bench runs without Camel,
     * so the component's poll at 1 s stands in for the route: a drain starts at most about 1 s after the tape turns
     * idle, as in Karaf.
     */
    static final long POLL_SECONDS = 1;
    /** The disk family's max.in.flight defaults (DISK 2, FLASH 8): above it the device reports BUSY. */
    private static final int DISK_IN_FLIGHT = 2;
    private static final int FLASH_IN_FLIGHT = 8;
    private static final int PROBE_BYTES = 4 << 20;
    static final String COMPACT_PROPERTY = "staging.bench.compact.below";

    private final Path work;
    private final DiskDevice disk;
    private final TapeSink sink;
    private final BusyTape tape;
    private final List<Device> devices;
    private final SpeedLog speeds = new SpeedLog();
    private final StagingStore store;
    private final Staging staging;
    private final ScheduledExecutorService poller;
    private final ExecutorService drains;
    private final StorageSpec storage;

    /** @param tapeBytesPerSecond the tape's pace, 0 = unpaced */
    StagingRig(Path work, StagingMode mode, long tapeBytesPerSecond) throws IOException {
        this.work = work;
        DiskFolders.delete(work);
        this.disk = disk(work, "disk", DeviceKind.DISK, DISK_IN_FLIGHT);
        Device flash = disk(work, "flash", DeviceKind.FLASH, FLASH_IN_FLIGHT);
        this.sink = new TapeSink("tape");
        this.tape = new BusyTape(FaultyDevice.wrap(sink).bandwidth(tapeBytesPerSecond).build());
        this.devices = List.of(disk, flash, tape);
        if (mode == StagingMode.NONE) {
            this.store = null;
            this.staging = null;
            this.poller = null;
            this.drains = null;
        } else {
            this.store = StagingStore.open(work.resolve("staging"), storeOptions());
            this.staging = new Staging(store, new StagingSizer(SizingPolicy.between(MIN_BYTES, MAX_BYTES)),
                    mode == StagingMode.ENABLED, Clock.systemUTC());
            // StagingComponent.bindDevice, with the device.staging.size the disk family publishes (the tape none)
            devices.forEach(device -> staging.deviceAdded(device, device.descriptor().family().equals("disk")
                    ? DiskProfile.of(device.descriptor().kind(), 0, 0).stagingBytes() : 0));
            this.poller = Executors.newSingleThreadScheduledExecutor();
            this.drains = Executors.newFixedThreadPool(2); // StagingComponent.PARALLEL_DRAINS
            poller.scheduleWithFixedDelay(staging.poller(drains), POLL_SECONDS, POLL_SECONDS, TimeUnit.SECONDS);
        }
        DeviceSet set = new DeviceSet(IDS);
        StagingViews views = new StagingViews(new StagingViews.Members() {
            @Override
            public void add(Device device, int weight) {
                set.add(device, weight);
            }

            @Override
            public void remove(Device device) {
                set.remove(device);
            }

            @Override
            public void replace(Device current, Device next, int weight) {
                set.replace(current, next, weight);
            }
        });
        devices.forEach(device -> views.deviceAdded(device, 1)); // RepositoryComponent.bindDevice
        if (staging != null) {
            views.stagingAdded(staging); // RepositoryComponent.bindStaging
        }
        this.storage = new StorageSpec(set, copiesSelector(), new PlacementPolicy("copies", IDS.size()), speeds,
                () -> null);
    }

    /**
     * The component's store options. For diagnosis only, the system property {@value #COMPACT_PROPERTY} sets the
     * store's compaction threshold ({@code compactBelowLiveRatio}, not configurable in the product; 0 = never
     * compact), to measure what compactions cost a run; the figures in bench/README.md use the product's default.
     */
    private static StoreOptions storeOptions() {
        StoreOptions options = StoreOptions.withCapacity(MIN_BYTES).withStageTimeout(STAGE_WAIT);
        String ratio = System.getProperty(COMPACT_PROPERTY);
        return ratio == null ? options : options.withCompactBelowLiveRatio(Double.parseDouble(ratio));
    }

    private static DiskDevice disk(Path work, String id, DeviceKind kind, int inFlight) throws IOException {
        Path root = Files.createDirectories(work.resolve("devices").resolve(id)).toAbsolutePath().normalize();
        return new DiskDevice(new DeviceDescriptor(id, "disk", kind, AccessType.RANDOM, 0), root, inFlight);
    }

    private static Selectors copiesSelector() {
        NodeSelector copies = new CopiesSelector();
        return new Selectors() {
            @Override
            public Optional<NodeSelector> named(String name) {
                return name.equals("copies") ? Optional.of(copies) : Optional.empty();
            }

            @Override
            public List<String> names() {
                return List.of("copies");
            }
        };
    }

    /** Probes every device once (4 MiB), as the routing's probe route does after start, for the selector's speeds. */
    void probe() throws IOException {
        for (Device device : devices) {
            ProbeResult result = device.probe(PROBE_BYTES);
            speeds.record(device.descriptor().id(), result.bytes(), result.elapsed().toNanos());
        }
    }

    /** A new repository on the three devices (through the views when staging is installed), default options. */
    Repository init() throws IOException {
        return Repositories.init(storage, PASSWORD.clone(), RepositoryOptions.defaults());
    }

    BusyTape tape() {
        return tape;
    }

    /** The staging store, or null when no staging service is installed. */
    StagingStore store() {
        return store;
    }

    StagingReport report() {
        return staging.report();
    }

    /**
     * Waits until staging holds nothing for any device (every staged blob drained and released) or the timeout;
     * returns whether it is empty.
     */
    boolean awaitDrained(Duration timeout) throws InterruptedException {
        if (store == null) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (store.usage().stream().anyMatch(u -> u.items() > 0)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** What the tape holds against the disk: every disk pack must be on the tape with the same bytes. */
    record TapeCheck(int diskPacks, long diskBytes, int tapePacks, List<String> problems) {
        boolean complete() {
            return problems.isEmpty() && diskPacks > 0;
        }
    }

    /** Compares every pack on the disk (read back, CRC32C) with what the tape took. Not timed. */
    TapeCheck checkTape() throws IOException {
        List<BlobName> names = new ArrayList<>();
        disk.list(BlobType.DATA, info -> names.add(info.name()));
        Map<BlobName, TapeSink.Pack> onTape = sink.packs();
        List<String> problems = new ArrayList<>();
        long bytes = 0;
        for (BlobName name : names) {
            ByteBuffer content = disk.get(name, ByteRange.ALL);
            bytes += content.remaining();
            TapeSink.Pack pack = onTape.get(name);
            if (pack == null) {
                problems.add(name + " missing on the tape");
            } else if (pack.size() != content.remaining() || pack.crc32c() != TapeSink.crc32c(content)) {
                problems.add(name + " differs on the tape (" + pack.size() + " bytes, disk " + content.remaining()
                        + ")");
            }
        }
        return new TapeCheck(names.size(), bytes, onTape.size(), problems);
    }

    /** Stops the poll and the drains (as the component's deactivate), closes the store, deletes the folders. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (staging != null) {
            poller.shutdownNow();
            drains.shutdownNow();
            drains.awaitTermination(30, TimeUnit.SECONDS);
            poller.awaitTermination(5, TimeUnit.SECONDS);
            store.close();
        }
        DiskFolders.delete(work);
    }
}
