package org.stowage.engine.internal.repo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.Device;
import org.stowage.api.repository.RepositoryLockInfo;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.device.testkit.ArmedFault;
import org.stowage.device.testkit.DeviceOperation;
import org.stowage.device.testkit.Fault;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.crypto.MasterKey;
import org.stowage.engine.internal.crypto.Sealer;
import org.stowage.engine.internal.crypto.StoredForm;

/**
 * Lock blobs across processes. "Another process" is a second {@link RepositoryLock} for the same repository id on a
 * device with another id over the same blobs: its in-process semaphore is separate, only the lock blobs tell.
 */
class RepositoryLockTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration REFRESH = Duration.ofMillis(100);
    private static final Duration STALE = Duration.ofMillis(800);

    private final MemoryDevice memory = new MemoryDevice("mem");
    private final FaultyDevice device = FaultyDevice.wrap(memory).build();
    private final StoredForm form = new StoredForm(new Sealer(MasterKey.random(RANDOM).encryptionKey()), 3);
    private final String repositoryId = "0123456789abcdef".repeat(4);

    @Test
    void aBackupOfAnotherProcessBlocksPruneButNotOtherBackups() throws IOException {
        RepositoryLock here = lock(device);
        RepositoryLock elsewhere = lock(new OtherProcess(memory));
        try (Repository.Lease backup = elsewhere.shared("backup of [/home]")) {
            assertEquals(1, lockBlobs().size(), "the backup is visible to other processes");
            RepositoryNotReadyException refused = assertThrows(RepositoryNotReadyException.class,
                    () -> here.exclusive("prune"));
            assertTrue(refused.getMessage().contains("shared lock of 'backup of [/home]'"), refused.getMessage());
            assertEquals(1, lockBlobs().size(), "the refused prune took its own lock blob back");
            here.shared("backup of [/srv]").close();
        }
        assertEquals(List.of(), lockBlobs());
        here.exclusive("prune").close();
    }

    @Test
    void aPruneOfAnotherProcessBlocksBackups() throws IOException {
        try (Repository.Lease prune = lock(new OtherProcess(memory)).exclusive("prune")) {
            RepositoryNotReadyException refused = assertThrows(RepositoryNotReadyException.class,
                    () -> lock(device).shared("backup of [/home]"));
            assertTrue(refused.getMessage().contains("exclusive lock of 'prune'"), refused.getMessage());
        }
    }

    @Test
    void aRestoreOfAnotherProcessBlocksPruneButNotBackups() throws IOException {
        RepositoryLock here = lock(device);
        try (Repository.Lease restore = lock(new OtherProcess(memory)).reading("restore into /srv/back")) {
            assertEquals(1, lockBlobs().size(), "the restore is visible to other processes");
            RepositoryNotReadyException refused = assertThrows(RepositoryNotReadyException.class,
                    () -> here.exclusive("prune"));
            assertTrue(refused.getMessage().contains("shared lock of 'restore into /srv/back'"),
                    refused.getMessage());
            here.shared("backup of [/home]").close();
        }
        assertEquals(List.of(), lockBlobs());
    }

    @Test
    void aPruneOfAnotherProcessOrOfThisOneBlocksRestoresAndChecks() throws IOException {
        try (Repository.Lease prune = lock(new OtherProcess(memory)).exclusive("prune")) {
            RepositoryNotReadyException refused = assertThrows(RepositoryNotReadyException.class,
                    () -> lock(device).reading("check"));
            assertTrue(refused.getMessage().contains("exclusive lock of 'prune'"), refused.getMessage());
        }
        RepositoryLock here = lock(device);
        try (Repository.Lease prune = here.exclusive("prune")) {
            assertThrows(RepositoryNotReadyException.class, () -> here.reading("restore into /srv/back"));
        }
    }

    @Test
    void onADeviceThatRefusesLockBlobsOnlyReadingGoesOnHeldInThisProcess() throws IOException {
        RepositoryLock here = lock(device);
        ArmedFault readOnly = device.arm(Fault.fail(DeviceOperation.PUT).of(BlobType.LOCK));
        IOException backup = assertThrows(IOException.class, () -> here.shared("backup of [/home]"));
        assertTrue(backup.getMessage().contains(FaultyDevice.INJECTED), backup.getMessage());
        try (Repository.Lease restore = here.reading("restore into /srv/back")) {
            assertDoesNotThrow(restore::ensureHeld);
            assertEquals(List.of(), lockBlobs());
            RepositoryNotReadyException prune = assertThrows(RepositoryNotReadyException.class,
                    () -> here.exclusive("prune"));
            assertTrue(prune.getMessage().contains("restore"), prune.getMessage());
            restore.close();
            assertThrows(IllegalStateException.class, restore::ensureHeld);
        }
        readOnly.disarm();
        here.exclusive("prune").close();
    }

    @Test
    void onADeviceThatRefusesLockBlobsAPruneOfAnotherProcessStillBlocksReading() throws IOException {
        try (Repository.Lease prune = lock(new OtherProcess(memory)).exclusive("prune")) {
            device.arm(Fault.fail(DeviceOperation.PUT).of(BlobType.LOCK));
            assertThrows(RepositoryNotReadyException.class, () -> lock(device).reading("restore into /srv/back"));
        }
    }

    @Test
    void aLockBlobOlderThanTheStaleAgeIsIgnored() throws IOException {
        RepositoryLock here = lock(device);
        here.write(new LockInfo("crashed-host", 42, Instant.now().minus(STALE).minusSeconds(1), "prune", false));
        here.exclusive("prune").close();
        assertEquals(1, lockBlobs().size(), "a stale lock is ignored, not deleted");
    }

    @Test
    void aHeldLockIsRewrittenUnderANewNameSoThatItNeverGoesStale() throws IOException {
        try (Repository.Lease backup = lock(device).shared("backup of [/home]")) {
            BlobName first = lockBlobs().get(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> !lockBlobs().contains(first));
            assertEquals(1, lockBlobs().size(), "the superseded blob is deleted");
            await().atMost(Duration.ofSeconds(10)).pollDelay(STALE.plus(REFRESH)).until(() -> true);
            assertDoesNotThrow(backup::ensureHeld);
            assertThrows(RepositoryNotReadyException.class, () -> lock(new OtherProcess(memory)).exclusive("prune"),
                    "still fresh for other processes after more than the stale age");
        }
        assertEquals(List.of(), lockBlobs());
    }

    @Test
    void aLockThatCannotBeRefreshedStopsCountingAsHeldAndRecoversWhenTheDeviceDoes() throws IOException {
        try (Repository.Lease backup = lock(device).shared("backup of [/home]")) {
            ArmedFault puts = device.arm(Fault.fail(DeviceOperation.PUT).of(BlobType.LOCK));
            RepositoryNotReadyException lost = await().atMost(Duration.ofSeconds(10)).until(
                    () -> failure(backup), e -> e != null);
            assertTrue(lost.getMessage().contains("could not be refreshed") && lost.getMessage().contains("backup of"),
                    lost.getMessage());
            puts.disarm();
            await().atMost(Duration.ofSeconds(10)).until(() -> failure(backup) == null);
        }
        assertEquals(List.of(), lockBlobs());
    }

    @Test
    void aClosedLeaseIsNotHeld() throws IOException {
        Repository.Lease lease = lock(device).shared("backup of [/home]");
        lease.close();
        lease.close();
        assertThrows(IllegalStateException.class, lease::ensureHeld);
        assertEquals(List.of(), lockBlobs());
    }

    @Test
    void unlockRemovesOnlyStaleLocksUnlessAllAreAskedFor() throws IOException {
        Duration hour = Duration.ofHours(1); // no refresh during the test: the listed names stay the same
        RepositoryLock here = new RepositoryLock(device, form, repositoryId, RANDOM, hour, hour.multipliedBy(2));
        here.write(new LockInfo("crashed-host", 42, Instant.now().minus(Duration.ofHours(3)), "prune", false));
        RepositoryLock elsewhere =
                new RepositoryLock(new OtherProcess(memory), form, repositoryId, RANDOM, hour, hour.multipliedBy(2));
        try (Repository.Lease backup = elsewhere.shared("backup of [/home]")) {
            List<RepositoryLockInfo> locks = here.list();
            assertEquals(List.of("prune", "backup of [/home]"),
                    locks.stream().map(RepositoryLockInfo::operation).toList(), "oldest first");
            assertEquals(List.of(true, false), locks.stream().map(RepositoryLockInfo::stale).toList());
            assertEquals(List.of(locks.get(0)), here.remove(false));
            assertEquals(1, lockBlobs().size(), "the running backup's lock stays");
            assertEquals(List.of(locks.get(1)), here.remove(true));
            assertEquals(List.of(), lockBlobs());
        }
    }

    private RepositoryLock lock(Device on) {
        return new RepositoryLock(on, form, repositoryId, RANDOM, REFRESH, STALE);
    }

    private static RepositoryNotReadyException failure(Repository.Lease lease) {
        try {
            lease.ensureHeld();
            return null;
        } catch (RepositoryNotReadyException e) {
            return e;
        }
    }

    private List<BlobName> lockBlobs() throws IOException {
        List<BlobName> names = new ArrayList<>();
        memory.list(BlobType.LOCK, info -> names.add(info.name()));
        return names;
    }
}
