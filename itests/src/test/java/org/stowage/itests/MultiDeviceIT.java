package org.stowage.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.stowage.api.device.Device;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.CheckService;
import org.stowage.api.repository.PlacementOverride;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RepositoryInfo;
import org.stowage.api.repository.RepositoryService;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.RestoreService;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotService;
import org.stowage.api.repository.StowageException;
import org.stowage.itests.thirdparty.ReverseOrderSelector;
import org.stowage.itests.thirdparty.ThirdPartyBundle;

/**
 * One repository over five devices of four kinds in the assembly: two disks ({@code local}, {@code disk2}), flash,
 * a virtual tape library and S3 (S3Proxy in the driver JVM), with the {@code copies} selector keeping two copies of
 * every pack on devices of different kinds. The first disk or flash device that receives a pack of the backup is
 * removed mid-job (its configuration deleted, so its driver unregisters it): the job goes on to the selector's next
 * devices and completes, every file restores from the remaining copies and {@code check --read-data} passes.
 * Then the repository is configured anew with only the S3 device, as a new host that kept only that device would:
 * it opens from there and restores what that device holds, naming the files it cannot. A second test installs a
 * third party's selector bundle at runtime, backs up with it by name, and uninstalls it: a backup naming it is then
 * refused with a message that says it is not installed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MultiDeviceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final String REPOSITORY_PID = "org.stowage.repository";

    @Inject
    @Filter(timeout = 300_000)
    BootFinished bootFinished;

    @Inject
    BundleContext bundleContext;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    FeaturesService features;

    @Configuration
    public Option[] config() throws Exception {
        Path selectorBundle = ThirdPartyBundle.build(Path.of("target", "third-party", "reverse-order-selector.jar"));
        return StowageKaraf.withAwaitility(
                systemProperty("stowage.itest.selector.bundle").value(selectorBundle.toAbsolutePath().toString()),
                systemProperty("stowage.itest.s3.endpoint").value(S3ProxyHolder.start("itest")),
                systemProperty("stowage.itest.s3.access").value(S3ProxyHolder.ACCESS_KEY),
                systemProperty("stowage.itest.s3.secret").value(S3ProxyHolder.SECRET_KEY));
    }

    @Test
    public void twoCopiesOverFourKindsSurviveADeviceRemovedMidJobAndOneDeviceOpensTheRepository()
            throws Exception {
        features.installFeature("stowage-device-tape");
        features.installFeature("stowage-device-s3");
        Path work = Files.createDirectories(Path.of(System.getProperty("karaf.data"), "itest-multi"));
        Path flashRoot = Files.createDirectories(work.resolve("flash1"));
        Path diskRoot = Files.createDirectories(work.resolve("disk2"));
        Map<Path, org.osgi.service.cm.Configuration> removable = new LinkedHashMap<>();
        removable.put(flashRoot, device("org.stowage.device.disk", "flash1", "device.kind", "FLASH",
                "path", flashRoot.toString(), "create", "true"));
        removable.put(diskRoot, device("org.stowage.device.disk", "disk2", "path", diskRoot.toString(),
                "create", "true"));
        removable.put(Path.of(System.getProperty("karaf.data"), "stowage", "devices", "local"), localConfiguration());
        device("org.stowage.device.tape", "vault", "path", work.resolve("tape").toString(), "create", "true",
                "slots", "3", "cartridge.capacity", "512m");
        device("org.stowage.device.s3", "offsite", "bucket", "itest", "prefix", "multi",
                "endpoint", System.getProperty("stowage.itest.s3.endpoint"), "path.style", "true",
                "access.key", System.getProperty("stowage.itest.s3.access"),
                "secret.key", System.getProperty("stowage.itest.s3.secret"));
        for (String id : List.of("local", "disk2", "flash1", "vault", "offsite")) {
            await().atMost(TIMEOUT).until(() -> !bundleContext.getServiceReferences(Device.class,
                    "(device.id=" + id + ")").isEmpty());
        }
        repository("local, disk2, flash1, vault, offsite", "copies", 2);
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> service(RepositoryService.class).info().state()
                == RepositoryInfo.State.READY && service(RepositoryService.class).info().deviceId().contains("offsite"));

        Path source = SourceTrees.create(work.resolve("source"), 21);
        for (int i = 0; i < 3; i++) { // packs are written while the big sparse file is still being read
            Files.write(source.resolve("a-random-" + i + ".bin"), SourceTrees.random(60 + i, 8 << 20));
        }
        Path sparse = source.resolve("z-sparse.bin");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(8L << 30); // reading and chunking 8 GiB of zeros keeps the job running
        }
        Map<Path, Long> before = new LinkedHashMap<>();
        for (Path root : removable.keySet()) {
            before.put(root, packsIn(root));
        }
        BackupService backups = service(BackupService.class);
        CompletableFuture<SnapshotInfo> running = CompletableFuture.supplyAsync(
                () -> backups.backup(BackupRequest.of(source), ProgressListener.NONE));
        Path receiving = await().atMost(TIMEOUT).until(() -> firstGrown(before), Objects::nonNull);
        assertFalse("the backup ended before a device was removed", running.isDone());
        removable.get(receiving).delete(); // its driver unregisters the device while packs are being placed
        SnapshotInfo snapshot = running.get();
        assertTrue("the job completes without the device at " + receiving + ": " + snapshot, snapshot.isComplete());

        Files.delete(sparse); // 8 GiB once restored: every other entry is restored and compared
        assertRestoresCompletely(snapshot, source, work.resolve("restore-after-loss"));
        CheckReport check = service(CheckService.class).check(true, ProgressListener.NONE);
        assertTrue(check.errors().toString(), check.isOk());
        String devices = new KarafShell(sessionFactory).run("stowage:devices");
        assertTrue(devices, devices.contains("Repository") && devices.contains("offsite"));

        repository("offsite", "", 1); // a new host that kept only the S3 device
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> service(RepositoryService.class).info().state()
                == RepositoryInfo.State.READY && service(RepositoryService.class).info().deviceId().equals("offsite"));
        assertEquals(List.of(snapshot.id()), service(SnapshotService.class).snapshots().stream()
                .map(SnapshotInfo::id).filter(snapshot.id()::equals).toList());
        Path target = work.resolve("restore-from-offsite");
        RestoreResult fromOne = service(RestoreService.class).restore(new RestoreRequest(snapshot.id(), target,
                entries(source)), ProgressListener.NONE);
        assertTrue("restored from the S3 device alone: " + fromOne, fromOne.files() > 0);
        List<String> missing = new ArrayList<>();
        Path restored = target.resolve(source.getRoot().relativize(source));
        for (String failure : fromOne.failures()) {
            missing.add(restored.relativize(Path.of(failure.substring(0, failure.indexOf(':')))).toString());
        }
        assertSameEntries(source, restored, missing);
    }

    /**
     * Compares every entry of {@code source} with its restored copy, those in {@code absent} (relative to
     * {@code source}) excepted, which must be missing. The folder {@code source} itself is not compared: removing the
     * sparse file changed its mtime.
     */
    private static void assertSameEntries(Path source, Path restored, List<String> absent) throws Exception {
        for (String entry : entries(source)) {
            Path child = Path.of(entry).getFileName();
            List<String> under = new ArrayList<>();
            for (String path : absent) {
                Path p = Path.of(path);
                if (p.startsWith(child)) {
                    under.add(child.relativize(p).toString());
                }
            }
            if (under.contains("")) {
                assertFalse(child + " must not be restored", Files.exists(restored.resolve(child)));
            } else {
                SourceTrees.assertIdenticalExcept(source.resolve(child), restored.resolve(child), under);
            }
        }
    }

    @Test
    public void aThirdPartySelectorBundleIsUsedByNameAndItsRemovalIsReported() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        Bundle bundle = bundleContext.installBundle(
                Path.of(System.getProperty("stowage.itest.selector.bundle")).toUri().toString());
        bundle.start();
        await().atMost(TIMEOUT).until(() -> shell.run("stowage:selectors").contains(ReverseOrderSelector.NAME));
        assertTrue(shell.run("stowage:selectors").contains(ThirdPartyBundle.SYMBOLIC_NAME));
        Path source = SourceTrees.create(Files.createDirectories(Path.of(System.getProperty("karaf.data"),
                "itest-third-party")).resolve("source"), 31);
        BackupRequest byName = new BackupRequest(List.of(source), null, Set.of(), null,
                new PlacementOverride(List.of(), ReverseOrderSelector.NAME, 0));
        SnapshotInfo snapshot = service(BackupService.class).backup(byName, ProgressListener.NONE);
        assertTrue(snapshot.toString(), snapshot.isComplete());
        assertRestoresCompletely(snapshot, source, source.resolveSibling("restore"));

        bundle.uninstall();
        await().atMost(TIMEOUT).until(() -> !shell.run("stowage:selectors").contains(ReverseOrderSelector.NAME));
        Files.writeString(source.resolve("changed.txt"), "a new file needs a new pack\n");
        StowageException refused = assertThrows(StowageException.class,
                () -> service(BackupService.class).backup(byName, ProgressListener.NONE));
        assertTrue(refused.getMessage(), refused.getMessage().contains("'" + ReverseOrderSelector.NAME
                + "' is not installed"));
    }

    private org.osgi.service.cm.Configuration device(String pid, String id, String... keyValues) throws Exception {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("device.id", id);
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        org.osgi.service.cm.Configuration config = configAdmin.getFactoryConfiguration(pid, id, "?");
        config.update(properties);
        return config;
    }

    private void repository(String devices, String selector, int copies) throws Exception {
        org.osgi.service.cm.Configuration config = configAdmin.getConfiguration(REPOSITORY_PID, "?");
        Dictionary<String, Object> properties = copy(config.getProperties());
        properties.put("devices", devices);
        properties.put("selector", selector);
        properties.put("copies", copies);
        config.update(properties);
    }

    /** Restores every entry of {@code source} as it is now (the sparse file is gone from it) and compares. */
    private void assertRestoresCompletely(SnapshotInfo snapshot, Path source, Path target) throws Exception {
        RestoreResult result = service(RestoreService.class).restore(new RestoreRequest(snapshot.id(), target,
                entries(source)), ProgressListener.NONE);
        assertTrue(result.failures().toString(), result.isComplete());
        assertSameEntries(source, target.resolve(source.getRoot().relativize(source)), List.of());
    }

    private static List<String> entries(Path source) throws Exception {
        try (Stream<Path> children = Files.list(source)) {
            return children.map(Path::toString).toList();
        }
    }

    /** The first device folder with more packs than {@code before}; null while there is none. */
    private static Path firstGrown(Map<Path, Long> before) throws Exception {
        for (Map.Entry<Path, Long> root : before.entrySet()) {
            if (packsIn(root.getKey()) > root.getValue()) {
                return root.getKey();
            }
        }
        return null;
    }

    /** The default disk device's configuration, which the assembly ships as etc/org.stowage.device.disk-local.cfg. */
    private org.osgi.service.cm.Configuration localConfiguration() throws Exception {
        org.osgi.service.cm.Configuration[] found = configAdmin.listConfigurations("(device.id=local)");
        assertTrue("no configuration of device local", found != null && found.length == 1);
        return found[0];
    }

    private static long packsIn(Path root) throws Exception {
        Path data = root.resolve("data");
        if (!Files.isDirectory(data)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> original) {
        Hashtable<String, Object> copy = new Hashtable<>();
        for (Enumeration<String> keys = original.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            copy.put(key, original.get(key));
        }
        return copy;
    }

    private <T> T service(Class<T> type) {
        return Services.await(bundleContext, type, TIMEOUT);
    }
}
