package org.stowage.engine.internal.repo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
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
    // a lease lapses when its refresher falls behind by STALE - REFRESH: generous, so a loaded machine does not fail
    private static final Duration REFRESH = Duration.ofMillis(200);
    private static final Duration STALE = Duration.ofMillis(2000);

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
    void aLockThatCouldNotBeRefreshedInTimeLapsesForGood() throws IOException {
        try (Repository.Lease backup = lock(device).shared("backup of [/home]")) {
            ArmedFault puts = device.arm(Fault.fail(DeviceOperation.PUT).of(BlobType.LOCK));
            RepositoryNotReadyException lost = await().atMost(Duration.ofSeconds(10)).until(
                    () -> failure(backup), e -> e != null);
            assertTrue(lost.getMessage().contains("not refreshed in time") && lost.getMessage().contains("backup of"),
                    lost.getMessage());
            puts.disarm();
            long putsBefore = device.completed(DeviceOperation.PUT);
            await().during(REFRESH.multipliedBy(4)).atMost(Duration.ofSeconds(10))
                    .until(() -> failure(backup) != null);
            assertEquals(putsBefore, device.completed(DeviceOperation.PUT), "a lapsed lock is not written again");
        }
        assertEquals(List.of(), lockBlobs());
    }

    @Test
    void aLockOfAProcessOfThisHostThatEndedIsStale() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        LockInfo mine = ownLock(Instant.now(), "prune", false);
        RepositoryLock here = lock(device);
        here.write(new LockInfo(mine.host(), ended.pid(), mine.time(), "prune", false, mine.pidNamespace(),
                ended.info().startInstant().orElse(null)));
        here.shared("backup of [/home]").close();
        assertEquals(List.of(true), here.list().stream().map(RepositoryLockInfo::stale).toList());
    }

    @Test
    void aLockOfAReusedPidIsStaleAndOneOfALiveProcessOrOfAnotherNamespaceIsNot() throws IOException {
        LockInfo mine = ownLock(Instant.now(), "prune", false);
        RepositoryLock here = lock(device);
        here.write(mine);
        assertThrows(RepositoryNotReadyException.class, () -> here.shared("backup of [/home]"), "a live holder");
        deleteLockBlobs();
        here.write(new LockInfo(mine.host(), mine.pid(), mine.time(), "prune", false, mine.pidNamespace(),
                mine.started().minusSeconds(3600)));
        here.shared("backup of [/home]").close(); // pid reused by this process: the holder has ended
        deleteLockBlobs();
        here.write(new LockInfo(mine.host(), 1 << 30, mine.time(), "prune", false, "pid:[1]", null));
        assertThrows(RepositoryNotReadyException.class, () -> here.shared("backup of [/home]"),
                "a pid of another PID namespace says nothing about that process");
    }

    @Test
    void removeEndedDeletesOnlyTheLocksOfEndedProcessesOfThisHost() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        LockInfo mine = ownLock(Instant.now(), "backup of [/home]", true);
        RepositoryLock here = lock(device);
        here.write(new LockInfo(mine.host(), ended.pid(), mine.time(), "prune", false, mine.pidNamespace(), null));
        here.write(mine);
        here.write(new LockInfo("another-host", ended.pid(), mine.time(), "prune", false, mine.pidNamespace(), null));
        assertEquals(List.of(ended.pid()), here.removeEnded().stream().map(RepositoryLockInfo::pid).toList());
        assertEquals(2, lockBlobs().size());
    }

    @Test
    void aLockBlobThatDoesNotDecodeBlocksNothingAndIsRemovedAsStale() throws IOException {
        memory.put(BlobName.of(BlobType.LOCK, "0badc0de".repeat(4)), ByteBuffer.wrap(new byte[] {1, 2, 3}));
        RepositoryLock here = lock(device);
        here.exclusive("prune").close();
        List<RepositoryLockInfo> locks = here.list();
        assertEquals(1, locks.size());
        assertTrue(locks.get(0).stale() && locks.get(0).operation().startsWith("unreadable lock blob"),
                locks.toString());
        assertEquals(locks, here.remove(false));
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

    /** What this process writes into its lock blobs. */
    private static LockInfo ownLock(Instant time, String operation, boolean shared) {
        return HolderProcess.current().lockInfo(time, operation, shared);
    }

    private void deleteLockBlobs() throws IOException {
        for (BlobName name : lockBlobs()) {
            memory.delete(name);
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
