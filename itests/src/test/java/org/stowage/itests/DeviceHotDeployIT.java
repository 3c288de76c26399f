package org.stowage.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
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
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
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
import org.stowage.api.repository.SnapshotService;
import org.stowage.api.repository.StowageException;

/**
 * The disk driver bundle leaves and comes back while Stowage runs: the device service and the repository follow
 * it by themselves, a backup running when it leaves fails with a clear message and records nothing, and every
 * snapshot stays restorable. One Karaf boot; the tests share the default device 'local' and restore it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeviceHotDeployIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String DISK_BUNDLE = "org.stowage.device-disk";
    private static final String LOCAL = "(&(objectClass=" + Device.class.getName() + ")(" + Device.PROP_ID
            + "=local))";

    @Inject
    @Filter(timeout = 300_000)
    BootFinished bootFinished;

    @Inject
    BundleContext bundleContext;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        return StowageKaraf.withAwaitility();
    }

    @Test
    public void stoppingTheDriverRemovesTheDeviceAndStartingItBringsEverythingBack() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        Path source = SourceTrees.create(workDir("restart").resolve("source"), 11);
        SnapshotInfo before = service(BackupService.class).backup(BackupRequest.of(source), ProgressListener.NONE);

        diskBundle().stop();
        await().atMost(TIMEOUT).until(() -> localDevices().length == 0);
        String devices = shell.run("stowage:devices");
        assertFalse(devices, devices.contains("local"));
        RepositoryInfo gone = service(RepositoryService.class).info();
        assertEquals(gone.reason(), RepositoryInfo.State.UNAVAILABLE, gone.state());
        assertTrue(gone.reason(), gone.reason().contains("'local'"));

        diskBundle().start();
        await().atMost(TIMEOUT).until(() -> localDevices().length == 1);
        assertTrue(shell.run("stowage:devices"), shell.run("stowage:devices").contains("local"));
        await().atMost(TIMEOUT).until(() -> service(RepositoryService.class).info().state()
                == RepositoryInfo.State.READY);
        assertRestores(before, source, "restart");
    }

    @Test
    public void aBackupRunningWhenTheDriverStopsFailsClearlyAndTheNextOneSucceeds() throws Exception {
        Path source = workDir("running").resolve("source");
        Files.createDirectories(source);
        for (int i = 0; i < 4; i++) { // packs are written while the big sparse file is still being read
            Files.write(source.resolve("a-random-" + i + ".bin"), SourceTrees.random(40 + i, 8 << 20));
        }
        Path sparse = source.resolve("z-sparse.bin");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(16L << 30); // 16 GiB of zeros that take no disk: reading and chunking them takes time
        }
        int snapshotsBefore = service(SnapshotService.class).snapshots().size();
        List<Path> packsBefore = packs();
        BackupService backups = service(BackupService.class);
        CompletableFuture<SnapshotInfo> running = CompletableFuture.supplyAsync(
                () -> backups.backup(BackupRequest.of(source), ProgressListener.NONE));
        await().atMost(TIMEOUT).until(() -> packs().size() > packsBefore.size() || running.isDone());
        assertFalse("the backup ended before the driver was stopped", running.isDone());

        diskBundle().stop();
        Throwable failure = awaitFailure(running);
        assertTrue(failure.toString(), failure instanceof StowageException);
        assertTrue(failure.getMessage(), failure.getMessage().contains("'local'")
                && failure.getMessage().contains("removed"));

        diskBundle().start();
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> service(RepositoryService.class).info().state()
                == RepositoryInfo.State.READY);
        assertEquals("nothing was recorded", snapshotsBefore, service(SnapshotService.class).snapshots().size());
        CheckReport check = service(CheckService.class).check(true, ProgressListener.NONE);
        assertTrue(check.errors().toString(), check.isOk());
        Files.delete(sparse);
        SnapshotInfo next = service(BackupService.class).backup(BackupRequest.of(source), ProgressListener.NONE);
        assertTrue(next.isComplete());
        assertTrue("the packs written before the driver stopped are reused: " + next.stats(),
                next.stats().bytesStored() < 32L << 20);
        assertRestores(next, source, "running");
    }

    @Test
    public void updatingTheDeviceConfigurationReRegistersItWithoutLosingData() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        Path source = SourceTrees.create(workDir("update").resolve("source"), 12);
        SnapshotInfo before = service(BackupService.class).backup(BackupRequest.of(source), ProgressListener.NONE);
        ServiceReference<?> original = localDevices()[0];
        assertEquals(1, original.getProperty(Device.PROP_SELECTOR_WEIGHT));
        assertEquals(256L << 20, original.getProperty(Device.PROP_STAGING_SIZE));

        org.osgi.service.cm.Configuration config = localConfiguration();
        Dictionary<String, Object> saved = copy(config.getProperties());
        Dictionary<String, Object> flash = copy(saved);
        flash.put("device.kind", "FLASH");
        flash.put("busy.windows", "03:00-03:01");
        flash.put("capacity", "100g");
        config.update(flash);
        try {
            await().atMost(TIMEOUT).until(() -> localDevices().length == 1
                    && Integer.valueOf(4).equals(localDevices()[0].getProperty(Device.PROP_SELECTOR_WEIGHT)));
            ServiceReference<?> updated = localDevices()[0];
            assertTrue("a new registration", !updated.getProperty("service.id").equals(
                    original.getProperty("service.id")));
            assertEquals(64L << 20, updated.getProperty(Device.PROP_STAGING_SIZE));
            String detail = shell.run("stowage:device local");
            assertTrue(detail, detail.contains("FLASH") && detail.contains("selector.weight")
                    && detail.contains("64 MiB"));
            await().atMost(TIMEOUT).ignoreExceptions().until(() -> service(RepositoryService.class).info().state()
                    == RepositoryInfo.State.READY);
            assertRestores(before, source, "update");
            assertTrue(service(BackupService.class).backup(BackupRequest.of(source), ProgressListener.NONE)
                    .isComplete());
        } finally {
            config.update(saved);
        }
        await().atMost(TIMEOUT).until(() -> localDevices().length == 1
                && Integer.valueOf(1).equals(localDevices()[0].getProperty(Device.PROP_SELECTOR_WEIGHT)));
    }

    private void assertRestores(SnapshotInfo snapshot, Path source, String name) throws IOException {
        Path target = workDir(name).resolve("restore-" + snapshot.shortId());
        RestoreResult result = service(RestoreService.class).restore(new RestoreRequest(snapshot.id(), target,
                List.of()), ProgressListener.NONE);
        assertTrue(result.failures().toString(), result.isComplete());
        SourceTrees.assertIdentical(source, target.resolve(source.getRoot().relativize(source)));
    }

    private static Throwable awaitFailure(CompletableFuture<SnapshotInfo> running) throws InterruptedException {
        try {
            running.get();
            throw new AssertionError("the backup succeeded although its device was removed");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private Bundle diskBundle() {
        return Arrays.stream(bundleContext.getBundles()).filter(b -> DISK_BUNDLE.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("bundle " + DISK_BUNDLE + " is not installed"));
    }

    private ServiceReference<?>[] localDevices() throws InvalidSyntaxException {
        ServiceReference<?>[] refs = bundleContext.getServiceReferences(Device.class.getName(), LOCAL);
        return refs == null ? new ServiceReference<?>[0] : refs;
    }

    private org.osgi.service.cm.Configuration localConfiguration() throws Exception {
        org.osgi.service.cm.Configuration[] configs = configAdmin.listConfigurations(
                "(&(service.factoryPid=org.stowage.device.disk)(device.id=local))");
        assertNotNull("no configuration of device 'local'", configs);
        return configs[0];
    }

    /** The current service, looked up on every call: DS replaces components when their configuration changes. */
    private <T> T service(Class<T> type) {
        return Services.await(bundleContext, type, TIMEOUT);
    }

    private static Path workDir(String name) throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("karaf.data"), "itest-hotdeploy", name));
    }

    private static List<Path> packs() throws IOException {
        Path data = Path.of(System.getProperty("karaf.data"), "stowage", "devices", "local", "data");
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(data)) {
            return all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> source) {
        Dictionary<String, Object> copy = new Hashtable<>();
        for (var keys = source.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            copy.put(key, source.get(key));
        }
        return copy;
    }
}
