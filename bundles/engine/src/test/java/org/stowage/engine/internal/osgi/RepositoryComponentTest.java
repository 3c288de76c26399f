package org.stowage.engine.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.BlobType;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.ForgetResult;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.PruneResult;
import org.stowage.api.repository.RepositoryInfo;
import org.stowage.api.repository.RepositoryInfo.State;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RetentionPolicy;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.StowageException;
import org.stowage.device.testkit.ArmedFault;
import org.stowage.device.testkit.DeviceOperation;
import org.stowage.device.testkit.Fault;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.osgi.RepositorySettings.WarmupMode;
import org.stowage.engine.internal.testing.SampleTree;

/** The repository component without a container: configuration, home device, facades on the real engine. */
class RepositoryComponentTest {

    @TempDir
    Path dir;

    private final MemoryDevice local = new MemoryDevice("local");

    @Test
    void autoInitCreatesPasswordAndRepositoryAndTheFacadesWorkEndToEnd() throws IOException {
        Path src = dir.resolve("src");
        SampleTree.create(src);
        RepositoryComponent component = new RepositoryComponent(config("auto", dir.resolve("pw").toString()));
        assertEquals(State.UNAVAILABLE, component.info().state());
        assertTrue(component.info().reason().contains("device.id=local"), component.info().reason());

        component.bindDevice(local, Map.of());
        assertEquals(State.READY, component.info().state());
        assertTrue(Files.exists(dir.resolve("pw")), "password file generated");

        SnapshotInfo first = component.backup(BackupRequest.of(src), ProgressListener.NONE);
        Files.writeString(src.resolve("small.txt"), "changed\n");
        SnapshotInfo second = component.backup(BackupRequest.of(src), ProgressListener.NONE);
        assertEquals(first.id(), second.parent());
        assertEquals(2, component.snapshots().size());

        CheckReport check = component.check(true, ProgressListener.NONE);
        assertTrue(check.isOk(), check.errors().toString());

        ForgetResult forget = component.forget(RetentionPolicy.parse("last=1"), Set.of(), false);
        assertEquals(List.of(first.id()), forget.removed().stream().map(SnapshotInfo::id).toList());
        PruneResult prune = component.prune(false, ProgressListener.NONE);
        assertTrue(prune.blobsRemoved() > 0, "the old small.txt is unreferenced: " + prune);
        assertTrue(component.check(true, ProgressListener.NONE).isOk());

        Path target = dir.resolve("restore");
        component.restore(new RestoreRequest("latest", target, List.of()), ProgressListener.NONE);
        SampleTree.assertSame(src, target.resolve(dir.getRoot().relativize(src)));
        component.deactivate();
    }

    /** A failed pack upload or prune left the long-lived repository broken until Karaf restarted. */
    @Test
    void afterAFailedUploadOrPruneTheNextOperationsWorkWithoutARestart() throws IOException {
        Path src = dir.resolve("src");
        SampleTree.create(src);
        FaultyDevice device = FaultyDevice.wrap(local).build();
        RepositoryComponent component = new RepositoryComponent(config("auto", dir.resolve("pw").toString()));
        component.bindDevice(device, Map.of());
        component.backup(BackupRequest.of(src), ProgressListener.NONE);

        ArmedFault packs = device.arm(Fault.fail(DeviceOperation.PUT).of(BlobType.DATA));
        Files.writeString(src.resolve("new.txt"), "new content\n".repeat(1000));
        assertThrows(StowageException.class, () -> component.backup(BackupRequest.of(src), ProgressListener.NONE));
        packs.disarm();
        SnapshotInfo after = component.backup(BackupRequest.of(src), ProgressListener.NONE);
        assertTrue(after.incompleteReason() == null || after.incompleteReason().isEmpty(), after.toString());

        component.forget(RetentionPolicy.parse("last=1"), Set.of(), false);
        ArmedFault deletes = device.arm(Fault.fail(DeviceOperation.DELETE).of(BlobType.DATA));
        assertThrows(StowageException.class, () -> component.prune(false, ProgressListener.NONE));
        deletes.disarm();
        Files.writeString(src.resolve("newer.txt"), "newer content\n".repeat(1000));
        component.backup(BackupRequest.of(src), ProgressListener.NONE);
        component.prune(false, ProgressListener.NONE);
        CheckReport check = component.check(true, ProgressListener.NONE);
        assertTrue(check.isOk(), check.errors().toString());
        Path target = dir.resolve("restore");
        component.restore(new RestoreRequest("latest", target, List.of()), ProgressListener.NONE);
        SampleTree.assertSame(src, target.resolve(dir.getRoot().relativize(src)));
        component.deactivate();
    }

    @Test
    void wrongPasswordLocksTheRepositoryWithAClearMessage() throws IOException {
        RepositoryComponent creator = new RepositoryComponent(config("auto", dir.resolve("pw").toString()));
        creator.bindDevice(local, Map.of());
        assertEquals(State.READY, creator.info().state());
        creator.deactivate();

        Path other = Files.writeString(dir.resolve("other"), "not the password\n");
        RepositoryComponent component = new RepositoryComponent(config("auto", other.toString()));
        component.bindDevice(local, Map.of());
        assertEquals(State.LOCKED, component.info().state());
        RepositoryNotReadyException e = assertThrows(RepositoryNotReadyException.class,
                () -> component.snapshots());
        assertTrue(e.getMessage().contains("password"), e.getMessage());
        assertTrue(!e.getMessage().contains("not the password"), "no secret in messages: " + e.getMessage());
    }

    @Test
    void manualInitWaitsForInitAndRefusesASecondOne() throws IOException {
        Files.writeString(dir.resolve("pw"), "s3cret\n");
        RepositoryComponent component = new RepositoryComponent(config("manual", dir.resolve("pw").toString()));
        component.bindDevice(local, Map.of());
        assertEquals(State.UNINITIALIZED, component.info().state());
        assertTrue(component.info().reason().contains("stowage:init"), component.info().reason());

        assertEquals(State.READY, component.init().state());
        assertEquals(State.READY, component.info().state());
        StowageException again = assertThrows(StowageException.class, component::init);
        assertTrue(again.getMessage().contains("already holds a repository"), again.getMessage());
    }

    @Test
    void initNamesTheGeneratedPasswordFileAndHasNothingToWarnAbout() {
        Path passwordFile = dir.resolve("etc/stowage/repository.password");
        RepositoryComponent component = new RepositoryComponent(config("manual", passwordFile.toString()));
        component.bindDevice(local, Map.of());

        RepositoryInfo created = component.init();
        assertEquals(State.READY, created.state());
        assertEquals(passwordFile.toString(), created.passwordFile());
        assertEquals(List.of(), created.warnings());
        assertTrue(Files.isRegularFile(passwordFile));
    }

    @Test
    void initWarnsWhenOtherUsersCanReadThePasswordFile() throws IOException {
        Path passwordFile = Files.writeString(dir.resolve("pw"), "s3cret\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
        RepositoryComponent component = new RepositoryComponent(config("manual", passwordFile.toString()));
        component.bindDevice(local, Map.of());

        List<String> warnings = component.init().warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(passwordFile + " has permissions rw-r--r--")
                && warnings.get(0).contains("chmod 600 " + passwordFile), warnings.get(0));
        assertFalse(warnings.get(0).contains("s3cret"), warnings.get(0));
    }

    @Test
    void removingTheDeviceMakesTheRepositoryUnavailable() throws IOException {
        RepositoryComponent component = new RepositoryComponent(config("auto", dir.resolve("pw").toString()));
        component.bindDevice(local, Map.of());
        assertEquals(State.READY, component.info().state());
        component.unbindDevice(local);
        assertEquals(State.UNAVAILABLE, component.info().state());
        assertNull(component.info().id());
    }

    @Test
    void invalidConfigurationNamesThePidAndTheKey() {
        IllegalArgumentException relative = assertThrows(IllegalArgumentException.class,
                () -> new RepositoryComponent(config("auto", "relative/pw")));
        assertTrue(relative.getMessage().startsWith("org.stowage.repository: key 'password.file'"),
                relative.getMessage());
        IllegalArgumentException init = assertThrows(IllegalArgumentException.class,
                () -> new RepositoryComponent(config("sometimes", dir.resolve("pw").toString())));
        assertTrue(init.getMessage().contains("key 'init'"), init.getMessage());
    }

    @Test
    void warmupTakesCryptoRehearsalOrOffAndTheOldTrueAndFalse() {
        String pw = dir.resolve("pw").toString();
        Map<String, WarmupMode> modes = Map.of("crypto", WarmupMode.CRYPTO, " Rehearsal ", WarmupMode.REHEARSAL,
                "true", WarmupMode.REHEARSAL, "off", WarmupMode.OFF, "false", WarmupMode.OFF);
        modes.forEach((value, mode) -> assertEquals(mode, RepositorySettings.from(config("auto", pw, value)).warmup(),
                "warmup = " + value));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RepositorySettings.from(config("auto", pw, "sometimes")));
        assertTrue(e.getMessage().contains("key 'warmup'") && e.getMessage().contains("crypto, rehearsal or off"),
                e.getMessage());
    }

    @Test
    void theMemoryBudgetIsASizeOfAtLeast32MiB() {
        String pw = dir.resolve("pw").toString();
        assertEquals(1L << 30, RepositorySettings.from(config("auto", pw, "off", " 1g ")).memoryBudget());
        assertEquals(96L << 20, RepositorySettings.from(config("auto", pw, "off", "96MiB")).memoryBudget());
        for (String bad : new String[] {"lots", "16m", "-1", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RepositorySettings.from(config("auto", pw, "off", bad)), "memory.budget = " + bad);
            assertTrue(e.getMessage().startsWith("org.stowage.repository: key 'memory.budget'"), e.getMessage());
        }
    }

    /** Small chunks and packs and no start-up warm-up keep the test fast; the rest as an operator would set it. */
    private static RepositoryConfiguration config(String init, String passwordFile) {
        return config(init, passwordFile, "off");
    }

    private static RepositoryConfiguration config(String init, String passwordFile, String warmup) {
        return config(init, passwordFile, warmup, "256m");
    }

    private static RepositoryConfiguration config(String init, String passwordFile, String warmup,
                                                  String memoryBudget) {
        return new RepositoryConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RepositoryConfiguration.class;
            }

            @Override
            public String devices() {
                return "";
            }

            @Override
            public String device() {
                return "local";
            }

            @Override
            public String selector() {
                return "";
            }

            @Override
            public int copies() {
                return 1;
            }

            @Override
            public String password_file() {
                return passwordFile;
            }

            @Override
            public String init() {
                return init;
            }

            @Override
            public int chunk_min() {
                return 4 << 10;
            }

            @Override
            public int chunk_avg() {
                return 16 << 10;
            }

            @Override
            public int chunk_max() {
                return 64 << 10;
            }

            @Override
            public int pack_size() {
                return 256 << 10;
            }

            @Override
            public int compression() {
                return 3;
            }

            @Override
            public String warmup() {
                return warmup;
            }

            @Override
            public String memory_budget() {
                return memoryBudget;
            }
        };
    }
}
