package org.stowage.engine.internal.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stowage.api.device.BlobType;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.StowageException;
import org.stowage.device.testkit.DeviceOperation;
import org.stowage.device.testkit.Fault;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.archiver.Archiver;
import org.stowage.engine.internal.archiver.SourceOpener;
import org.stowage.engine.internal.check.Checker;
import org.stowage.engine.internal.restorer.Restorer;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.testing.SampleTree;

/**
 * The data-safety rules under device failures injected by the test kit's {@link FaultyDevice}: a failed backup
 * names the device and the blob and records no snapshot that references missing data; every earlier snapshot
 * restores identically and check passes; the next run succeeds and reuses the packs already written; damaged reads
 * are integrity errors, never restored as good data.
 *
 * <p>Real files and the real repository (packs, AES-GCM, zstd, index) over a memory device; 1 MiB packs, so the
 * 6 MB of new incompressible data in the second backup fill several packs.
 */
class DeviceFailureTest {

    private static final RepositoryOptions OPTIONS = RepositoryOptions.defaults()
            .withChunks(16 << 10, 64 << 10, 256 << 10).withPackSize(1 << 20).withScryptN(16);
    private static final int EXTRA_BYTES = 6 * 1_000_000;

    @TempDir
    Path work;

    private final MemoryDevice memory = new MemoryDevice("mem");
    private final FaultyDevice device = FaultyDevice.wrap(memory).build();
    private Path src;
    private Path extra;
    private SnapshotRecord first;

    /** A repository with one good snapshot of the sample tree; a second source of new data beside it. */
    @BeforeEach
    void firstBackup() throws IOException {
        src = work.resolve("src");
        SampleTree.create(src);
        extra = work.resolve("extra");
        Files.createDirectories(extra);
        for (int i = 0; i < 3; i++) {
            Files.write(extra.resolve("new-" + i + ".bin"), SampleTree.random(100 + i, EXTRA_BYTES / 3));
        }
        try (Repository repo = Repositories.init(device, TestRepositories.PASSWORD, OPTIONS)) {
            first = backup(repo, List.of(src));
        }
    }

    static Stream<Arguments> writeFaults() {
        return Stream.of(
                Arguments.of("error", (Supplier<Fault>) () -> Fault.fail(DeviceOperation.PUT).of(BlobType.DATA)
                        .nth(3), "failed"),
                Arguments.of("timeout", (Supplier<Fault>) () -> Fault.timeout(Duration.ofMillis(300),
                        DeviceOperation.PUT).of(BlobType.DATA).nth(3), "timed out"),
                Arguments.of("lost reply", (Supplier<Fault>) () -> Fault.fail(DeviceOperation.PUT)
                        .of(BlobType.DATA).afterCall().nth(3), "failed"),
                Arguments.of("index write", (Supplier<Fault>) () -> Fault.fail(DeviceOperation.PUT)
                        .of(BlobType.INDEX), "failed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writeFaults")
    void aWriteFaultFailsTheBackupCleanlyAndTheNextRunReusesWhatWasWritten(String label, Supplier<Fault> fault,
                                                                           String says) throws IOException {
        try (Repository repo = TestRepositories.open(device)) {
            device.arm(fault.get());
            StowageException e = assertThrows(StowageException.class, () -> backup(repo, List.of(src, extra)));
            assertTrue(e.getMessage().contains("device 'mem'") && e.getMessage().contains(says)
                    && (e.getMessage().contains("data/") || e.getMessage().contains("index/")), e.getMessage());
            assertTrue(e.getMessage().contains(FaultyDevice.INJECTED), e.getMessage());
        }
        device.disarmAll();
        Set<String> packsLeft = names(BlobType.DATA);
        assertEarlierSnapshotIntact();
        try (Repository repo = TestRepositories.open(device)) {
            SnapshotRecord rerun = backup(repo, List.of(src, extra));
            assertNull(rerun.snapshot().incompleteReason());
            assertTrue(rerun.snapshot().stats().bytesAdded() < EXTRA_BYTES - 1_000_000,
                    "the packs written before the " + label + " are reused: added "
                            + rerun.snapshot().stats().bytesAdded());
            assertTrue(names(BlobType.DATA).containsAll(packsLeft));
            assertRestores(repo, rerun, Set.of(src, extra));
            assertTrue(check(repo, true).isOk());
        }
    }

    @Test
    void theDeviceGoingAwayMidBackupFailsCleanlyAndANewInstanceRecovers() throws Exception {
        Set<String> packsBefore = names(BlobType.DATA);
        device.pace(Duration.ZERO, 3 << 20); // slow enough to pull the plug while packs are being written
        try (Repository repo = TestRepositories.open(device)) {
            CompletableFuture<SnapshotRecord> running = CompletableFuture.supplyAsync(
                    () -> backup(repo, List.of(src, extra)));
            Awaitility.await().atMost(Duration.ofMinutes(1))
                    .until(() -> names(BlobType.DATA).size() > packsBefore.size() || running.isDone());
            device.arm(Fault.removed());
            ExecutionException failed = assertThrows(ExecutionException.class, running::get);
            String message = failed.getCause().getMessage();
            assertTrue(failed.getCause() instanceof StowageException && message.contains("device 'mem'")
                    && message.contains("device removed"), message);
        }
        Set<String> written = names(BlobType.DATA);
        assertTrue(written.size() > packsBefore.size(), "some packs were written before the device left");
        FaultyDevice again = FaultyDevice.wrap(memory).build(); // the driver is back: a new instance, same medium
        assertEarlierSnapshotIntact(again);
        try (Repository repo = TestRepositories.open(again)) {
            SnapshotRecord rerun = backup(repo, List.of(src, extra));
            assertTrue(rerun.snapshot().stats().bytesAdded() < EXTRA_BYTES, "reused what was written");
            assertRestores(repo, rerun, Set.of(src, extra));
        }
    }

    /**
     * What OSGi does when the driver bundle stops during a backup: the repository holder closes the repository
     * (service unbound), then the driver refuses every call (component deactivated). The backup fails, never hangs,
     * says why, and records nothing; the next open recovers.
     */
    @Test
    void closingTheRepositoryUnderARunningBackupFailsItCleanly() throws Exception {
        Set<String> packsBefore = names(BlobType.DATA);
        device.pace(Duration.ZERO, 3 << 20);
        Repository repo = TestRepositories.open(device);
        CompletableFuture<SnapshotRecord> running = CompletableFuture.supplyAsync(
                () -> backup(repo, List.of(src, extra)));
        Awaitility.await().atMost(Duration.ofMinutes(1))
                .until(() -> names(BlobType.DATA).size() > packsBefore.size() || running.isDone());
        repo.close();
        device.arm(Fault.removed());
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(running::isDone);
        ExecutionException failed = assertThrows(ExecutionException.class, running::get);
        String message = failed.getCause().getMessage();
        assertTrue(failed.getCause() instanceof StowageException
                && (message.contains("was closed") || message.contains("device removed")), message);
        device.disarmAll();
        device.pace(Duration.ZERO, 0);
        assertEarlierSnapshotIntact();
        try (Repository again = TestRepositories.open(device)) {
            assertRestores(again, backup(again, List.of(src, extra)), Set.of(src, extra));
        }
    }

    @Test
    void aFailedUploadStopsReadingTheRestOfALargeFile() throws IOException {
        Path big = work.resolve("big");
        Files.createDirectories(big);
        Files.write(big.resolve("large.bin"), SampleTree.random(7, 64 << 20));
        AtomicLong read = new AtomicLong();
        SourceOpener counting = path -> new CountingChannel(SourceOpener.FILES.open(path), read);
        try (Repository repo = TestRepositories.open(device)) {
            device.arm(Fault.fail(DeviceOperation.PUT).of(BlobType.DATA));
            StowageException e = assertThrows(StowageException.class, () -> new Archiver(repo, counting, 2)
                    .backup(List.of(big), "host", Set.of(), null, ProgressListener.NONE));
            assertTrue(e.getMessage().contains(FaultyDevice.INJECTED), e.getMessage());
        }
        assertTrue(read.get() < 32 << 20, "read " + read.get() + " of 64 MiB after the first upload failed");
    }

    @Test
    void aDeviceThatRefusesEveryWriteStillRestoresAndChecks() throws IOException {
        device.arm(Fault.fail(DeviceOperation.PUT));
        device.arm(Fault.fail(DeviceOperation.DELETE));
        assertEarlierSnapshotIntact();
    }

    @Test
    void aRestoreDoesNotRunBesideAPruneAndAPruneNotBesideARestore() throws IOException {
        try (Repository repo = TestRepositories.open(device)) {
            try (Repository.Lease prune = repo.administration().lockExclusive("prune")) {
                RepositoryNotReadyException refused = assertThrows(RepositoryNotReadyException.class,
                        () -> assertRestores(repo, first, Set.of(src)));
                assertTrue(refused.getMessage().contains("for restore into "), refused.getMessage());
            }
            AtomicReference<Exception> pruneDuringRestore = new AtomicReference<>();
            ProgressListener pruning = p -> pruneDuringRestore.compareAndSet(null, assertThrows(
                    RepositoryNotReadyException.class, () -> repo.administration().lockExclusive("prune")));
            new Restorer(repo).restore(first.snapshot(), work.resolve("during-prune"), List.of(), pruning);
            assertTrue(pruneDuringRestore.get().getMessage().contains("restore"),
                    String.valueOf(pruneDuringRestore.get()));
        }
        assertEquals(Set.of(), names(BlobType.LOCK), "both released");
    }

    @Test
    void flippedBytesInFileDataAreIntegrityFailuresAndNeverRestored() throws IOException {
        assertDamagedDataIsCaught(Fault.flipByte());
    }

    @Test
    void truncatedReadsOfFileDataAreIntegrityFailuresAndNeverRestored() throws IOException {
        assertDamagedDataIsCaught(Fault.truncate());
    }

    @Test
    void aDamagedTreeStopsItsSubtreeAndWritesNothing() throws IOException {
        Path target = work.resolve("restored");
        try (Repository repo = TestRepositories.open(device)) {
            device.arm(Fault.flipByte().of(BlobType.DATA)); // trees live in data/ packs too
            RestoreResult result = new Restorer(repo).restore(first.snapshot(), target, List.of(),
                    ProgressListener.NONE);
            assertEquals(1, result.failures().size(), result.failures().toString());
            assertTrue(result.failures().get(0).contains("cannot read its tree")
                    && result.failures().get(0).contains("fails verification")
                    && result.failures().get(0).contains("device 'mem'"), result.failures().get(0));
        }
        try (Stream<Path> all = Files.walk(target)) {
            assertEquals(List.of(), all.filter(Files::isRegularFile).toList(), "files restored from damaged data");
        }
    }

    @Test
    void checkReadDataReportsEveryDamagedPackByName() throws IOException {
        try (Repository repo = TestRepositories.open(device)) {
            Set<String> packs = names(BlobType.DATA);
            device.arm(Fault.flipByte().of(BlobType.DATA));
            CheckReport damaged = check(repo, true);
            assertFalse(damaged.isOk());
            for (String pack : packs) {
                assertTrue(damaged.errors().stream().anyMatch(line -> line.contains(pack.substring(0, 8))),
                        "pack " + pack + " not reported: " + damaged.errors());
            }
            device.disarmAll();
            assertTrue(check(repo, true).isOk(), "the stored data itself is intact");
        }
    }

    /**
     * Restores the first snapshot while {@code fault} damages every read of the packs holding file data (not
     * trees): the damaged files are failures naming their blob, never put in place; everything restored is right.
     */
    private void assertDamagedDataIsCaught(Fault fault) throws IOException {
        Path target = work.resolve("restored");
        try (Repository repo = TestRepositories.open(device)) {
            Set<String> dataPacks = new HashSet<>();
            Set<String> treePacks = new HashSet<>();
            repo.forEachIndexed(b -> (b.kind() == BlobKind.TREE ? treePacks : dataPacks).add(b.packId()));
            dataPacks.removeAll(treePacks);
            assertFalse(dataPacks.isEmpty());
            device.arm(fault.of(BlobType.DATA).matching("file data packs", n -> dataPacks.contains(n.id())));
            RestoreResult result = new Restorer(repo).restore(first.snapshot(), target, List.of(),
                    ProgressListener.NONE);
            assertFalse(result.failures().isEmpty(), "damaged reads went unnoticed");
            for (String failure : result.failures()) {
                assertTrue(failure.contains("blob") && failure.contains(src.toString()), failure);
            }
        }
        assertRestoredFilesAreRight(target.resolve(src.toString().substring(1)));
    }

    /** Every regular file restored has exactly the source's bytes (no temporary file left either). */
    private void assertRestoredFilesAreRight(Path restoredSrc) throws IOException {
        try (Stream<Path> all = Files.walk(restoredSrc)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                Path original = src.resolve(restoredSrc.relativize(file).toString());
                assertTrue(Files.exists(original), "unexpected file " + file);
                assertEquals(-1, Files.mismatch(original, file), "restored " + file + " differs from the source");
            }
        }
    }

    private void assertEarlierSnapshotIntact() throws IOException {
        assertEarlierSnapshotIntact(device);
    }

    /** Only the first snapshot exists, it restores identically, and check reads and verifies everything. */
    private void assertEarlierSnapshotIntact(FaultyDevice on) throws IOException {
        try (Repository repo = TestRepositories.open(on)) {
            assertEquals(List.of(first.id()), repo.snapshots().stream().map(SnapshotRecord::id).toList(),
                    "a failed backup recorded a snapshot");
            CheckReport report = check(repo, true);
            assertTrue(report.isOk(), report.errors().toString());
            assertRestores(repo, first, Set.of(src));
        }
    }

    private void assertRestores(Repository repo, SnapshotRecord snapshot, Set<Path> sources) throws IOException {
        Path target = Files.createTempDirectory(work, "restore-");
        RestoreResult result = new Restorer(repo).restore(snapshot.snapshot(), target, List.of(),
                ProgressListener.NONE);
        assertEquals(List.of(), result.failures());
        for (Path source : sources) {
            SampleTree.assertSame(source, target.resolve(source.toString().substring(1)));
        }
    }

    private static SnapshotRecord backup(Repository repo, List<Path> paths) {
        return new Archiver(repo, SourceOpener.FILES, 2).backup(paths, "host", Set.of(), null, ProgressListener.NONE);
    }

    private static CheckReport check(Repository repo, boolean readData) throws IOException {
        return new Checker(repo, ProgressListener.NONE).check(readData);
    }

    /** Counts the bytes a backup reads from its sources. */
    private record CountingChannel(java.nio.channels.ReadableByteChannel in, AtomicLong count)
            implements java.nio.channels.ReadableByteChannel {
        @Override
        public int read(java.nio.ByteBuffer dst) throws IOException {
            int n = in.read(dst);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return in.isOpen();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private Set<String> names(BlobType type) throws IOException {
        Set<String> names = new HashSet<>();
        memory.list(type, info -> names.add(info.name().id()));
        return names;
    }
}
