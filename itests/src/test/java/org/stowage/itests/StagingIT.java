package org.stowage.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.BusyControl;
import org.stowage.api.device.Device;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.CheckService;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RepositoryInfo;
import org.stowage.api.repository.RepositoryService;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.RestoreService;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.staging.DeviceStaging;
import org.stowage.api.staging.StagingService;

/**
 * Staging in the assembly (source design S1): one repository over a disk ({@code local}), flash ({@code flash1}) and a
 * slow virtual tape library ({@code vault}, 4 MiB/s), the {@code copies} selector keeping every pack on all three.
 * While an operator holds the tape BUSY, backups do not wait for it: its packs wait in staging, a restore reads
 * them from there, and a second backup of a file changed in 1 % adds to staging only what it writes to the disk.
 * Once the tape is IDLE it receives every pack, and its copies alone check clean. With a staging space smaller than a
 * backup, the backup waits for room (back pressure) until the tape turns idle and drains, and completes with nothing
 * dropped.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StagingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final double TAPE_MIB_PER_SECOND = 4;
    private static final int BIG = 64 << 20;

    @Inject
    @Filter(timeout = 300_000)
    BootFinished bootFinished;

    @Inject
    BundleContext bundleContext;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    FeaturesService features;

    @Configuration
    public Option[] config() {
        return StowageKaraf.withAwaitility();
    }

    @Test
    public void aBusyTapeHoldsNoBackupUpAndReceivesEverythingOnceIdle() throws Exception {
        Path work = devices("itest-staging");
        staging("1g", "64g");
        BusyControl tape = busyControl("vault");
        tape.setBusy("itest: the tape is busy with another job", null);

        Path source = SourceTrees.create(work.resolve("source"), 31);
        Files.write(source.resolve("big.bin"), SourceTrees.random(32, BIG));
        long started = System.nanoTime();
        SnapshotInfo first = backup(source);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        double tapeSeconds = BIG / (TAPE_MIB_PER_SECOND * (1 << 20));
        assertTrue("the backup took " + took + ", as long as the tape would (" + tapeSeconds + " s)",
                took.toMillis() < tapeSeconds * 1000 / 2);
        assertEquals("no data pack reached the busy tape", Set.of(), packs("vault"));
        DeviceStaging staged = staged("vault");
        assertTrue("the tape's packs wait in staging: " + staged, staged.stagedItems() > 0
                && staged.stagedBytes() > BIG);
        assertRestores(first, source, work.resolve("restore-before-drain"));

        try (RandomAccessFile big = new RandomAccessFile(source.resolve("big.bin").toFile(), "rw")) {
            big.seek(BIG / 2);
            big.write(SourceTrees.random(33, BIG / 100)); // 1 % of the file, in one place
        }
        Map<BlobName, Long> onDiskBefore = blobs("local");
        SnapshotInfo second = backup(source);
        long added = staged("vault").stagedBytes() - staged.stagedBytes();
        long writtenToDisk = newBytes(onDiskBefore, blobs("local"));
        // staging takes for the tape exactly what the backup wrote to the idle disk: the chunks that cover the change
        // (content-defined, so the change plus a few chunks of up to chunk.max, 4 MiB, around it) and the new
        // trees, index and snapshot; re-staging the file would be 100 % of it
        assertTrue("a 1 % change added " + added + " bytes to staging, the disk took " + writtenToDisk,
                added > 0 && added <= writtenToDisk);
        assertTrue("a 1 % change wrote " + writtenToDisk + " bytes, a quarter of the file or more",
                writtenToDisk < BIG / 4);

        tape.clearBusy();
        await("the tape drained").atMost(TIMEOUT).until(() -> staged("vault").stagedItems() == 0);
        assertEquals("the tape holds every pack the disk holds", packs("local"), packs("vault"));
        CheckReport tapeCopies = service(CheckService.class).check(true, "vault", ProgressListener.NONE);
        assertTrue(tapeCopies.errors().toString(), tapeCopies.isOk());
        assertRestores(second, source, work.resolve("restore-after-drain"));
    }

    @Test
    public void aFullStagingSpaceSlowsTheBackupDownUntilTheTapeDrainsAndDropsNothing() throws Exception {
        Path work = devices("itest-staging-full");
        staging("40m", "40m");
        await("staging sized to 40 MiB").atMost(TIMEOUT).ignoreExceptions()
                .until(() -> service(StagingService.class).report().limitBytes() == 40L << 20);
        Instant busyUntil = Instant.now().plusSeconds(20);
        busyControl("vault").setBusy("itest: busy for 20 s", busyUntil);

        Path source = Files.createDirectories(work.resolve("source-full"));
        Files.write(source.resolve("a.bin"), SourceTrees.random(41, 48 << 20));
        Files.write(source.resolve("b.bin"), SourceTrees.random(42, 48 << 20));
        SnapshotInfo snapshot = backup(source);
        assertTrue("the backup completed before the tape turned idle: it did not wait for room in staging",
                !Instant.now().isBefore(busyUntil));
        await("the tape drained").atMost(TIMEOUT).until(() -> staged("vault").stagedItems() == 0);
        assertTrue("every pack of the backup is on the tape", packs("vault").containsAll(packs("flash1")));
        CheckReport check = service(CheckService.class).check(true, ProgressListener.NONE);
        assertTrue(check.errors().toString(), check.isOk());
        assertRestores(snapshot, source, work.resolve("restore-full"));
        staging("1g", "64g");
    }

    /** The flash and tape devices (once) and the repository over them and {@code local}; returns a work folder. */
    private Path devices(String name) throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("karaf.data"), name));
        Path shared = Path.of(System.getProperty("karaf.data"), "itest-staging-devices");
        if (bundleContext.getServiceReferences(Device.class, "(device.id=vault)").isEmpty()) {
            features.installFeature("stowage-device-tape");
            factory("org.stowage.device.disk", "flash1", "device.kind", "FLASH", "path",
                    shared.resolve("flash1").toString(), "create", "true");
            factory("org.stowage.device.tape", "vault", "path", shared.resolve("tape").toString(), "create", "true",
                    "slots", "3", "cartridge.capacity", "2g", "rate", Double.toString(TAPE_MIB_PER_SECOND));
        }
        for (String id : new String[] {"local", "flash1", "vault"}) {
            await().atMost(TIMEOUT).until(() -> !bundleContext.getServiceReferences(Device.class,
                    "(device.id=" + id + ")").isEmpty());
        }
        org.osgi.service.cm.Configuration repository = configAdmin.getConfiguration("org.stowage.repository", "?");
        Dictionary<String, Object> properties = repository.getProperties();
        if (!"local, flash1, vault".equals(properties.get("devices"))) {
            properties.put("devices", "local, flash1, vault");
            properties.put("selector", "copies");
            properties.put("copies", 3);
            repository.update(properties);
        }
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> service(RepositoryService.class).info().state()
                == RepositoryInfo.State.READY && service(RepositoryService.class).info().deviceId().contains("vault"));
        return work;
    }

    private void factory(String pid, String id, String... keysAndValues) throws Exception {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("device.id", id);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        configAdmin.getFactoryConfiguration(pid, id, "?").update(properties);
    }

    private void staging(String min, String max) throws Exception {
        org.osgi.service.cm.Configuration config = configAdmin.getConfiguration("org.stowage.staging", "?");
        Dictionary<String, Object> properties = config.getProperties() == null ? new Hashtable<>()
                : config.getProperties();
        properties.put("min", min);
        properties.put("max", max);
        properties.put("poll.seconds", "1");
        config.update(properties);
    }

    private SnapshotInfo backup(Path source) {
        SnapshotInfo snapshot = service(BackupService.class).backup(BackupRequest.of(source), ProgressListener.NONE);
        assertTrue(snapshot.toString(), snapshot.isComplete());
        return snapshot;
    }

    private void assertRestores(SnapshotInfo snapshot, Path source, Path target) throws Exception {
        RestoreResult result = service(RestoreService.class).restore(new RestoreRequest(snapshot.id(), target,
                List.of()), ProgressListener.NONE);
        assertTrue(result.failures().toString(), result.isComplete());
        SourceTrees.assertIdentical(source, target.resolve(source.getRoot().relativize(source)));
    }

    private DeviceStaging staged(String deviceId) {
        return service(StagingService.class).report(deviceId)
                .orElseThrow(() -> new AssertionError("staging does not know device " + deviceId));
    }

    /** Every blob but the locks that the device service itself (not a staged view) holds, with its size. */
    private Map<BlobName, Long> blobs(String deviceId) throws Exception {
        Map<BlobName, Long> sizes = new HashMap<>();
        for (BlobType type : BlobType.values()) {
            if (type != BlobType.LOCK) {
                device(deviceId).list(type, info -> sizes.put(info.name(), info.size()));
            }
        }
        return sizes;
    }

    private static long newBytes(Map<BlobName, Long> before, Map<BlobName, Long> after) {
        return after.entrySet().stream().filter(blob -> !before.containsKey(blob.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The data packs the device service itself (not a staged view) holds. */
    private Set<String> packs(String deviceId) throws Exception {
        Set<String> names = new TreeSet<>();
        device(deviceId).list(BlobType.DATA, info -> names.add(info.name().id()));
        return names;
    }

    private BusyControl busyControl(String deviceId) throws Exception {
        return (BusyControl) device(deviceId);
    }

    private Device device(String deviceId) throws Exception {
        ServiceReference<Device> reference = bundleContext.getServiceReferences(Device.class,
                "(device.id=" + deviceId + ")").iterator().next();
        return bundleContext.getService(reference);
    }

    private <T> T service(Class<T> type) {
        return Services.await(bundleContext, type, TIMEOUT);
    }
}
