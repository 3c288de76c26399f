package org.stowage.itests.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Two Karaf copies on one repository: the same disk device folder and the same password file, each with its own
 * ports. For a given time both run backups, {@code forget last=2 --prune} (which also forgets the other's old
 * snapshots) and {@code check --read-data} in random order, at the same time ({@link SharedRepositoryWorker}).
 * Copy a backs up {@code a/} and {@code common/}, copy b {@code b/} and {@code common/}. The invariant, checked
 * continuously: no snapshot references missing data, so every check that runs passes; an operation refused because
 * the other holds a conflicting lock is expected and counted. At the end every snapshot must restore identically.
 */
final class SharedRepositoryHarness {

    static final String POLICY = "last=2";

    /** What to run: the assembly tar.gz, a scratch folder of its own, how long, and the size of each new state. */
    record Settings(Path assembly, Path scratch, long seed, Duration duration, long incrementBytes) {
    }

    private final Settings settings;

    SharedRepositoryHarness(Settings settings) {
        this.settings = settings;
    }

    SharedRepositoryReport run() throws Exception {
        long started = System.nanoTime();
        Path scratch = settings.scratch();
        Path device = scratch.resolve("device");
        Path password = writePassword(scratch.resolve("repository.password"));
        Path sources = scratch.resolve("source");
        SourceStates common = new SourceStates(sources.resolve("common"), settings.seed() + 7,
                settings.incrementBytes(), 1);
        common.advance();
        Manifest commonManifest = common.manifest(1).under(abs(common.root()));
        try (KarafCopy a = KarafCopy.unpack("a", settings.assembly(), scratch.resolve("karaf-a"), KarafLogin.random(),
                device, password, true);
             KarafCopy b = KarafCopy.unpack("b", settings.assembly(), scratch.resolve("karaf-b"),
                     KarafLogin.random(), device, password, false)) {
            a.launch();
            b.launch();
            a.awaitReady();
            b.awaitReady();
            List<SharedRepositoryWorker> workers = List.of(
                    worker("a", a, sources, common, 1),
                    worker("b", b, sources, common, 2));
            runTogether(workers);
            StowageShell stowage = new StowageShell(a.shell());
            Shell.Result check = stowage.check();
            if (!check.ok()) {
                throw new AssertionError("final check --read-data on " + a.describe() + " found errors:\n"
                        + check.output());
            }
            SnapshotVerifier.Outcome restored = new SnapshotVerifier(scratch.resolve("restores")).verifyAll(stowage,
                    s -> expected(s, workers, commonManifest), "final restore of every snapshot");
            a.stop();
            b.stop();
            return new SharedRepositoryReport(workers.stream().map(SharedRepositoryWorker::counts).toList(),
                    restored.restored(), settings.duration(), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private SharedRepositoryWorker worker(String name, KarafCopy karaf, Path sources, SourceStates common, int n)
            throws IOException {
        SourceStates own = new SourceStates(sources.resolve(name), settings.seed() + n, settings.incrementBytes(), 2);
        return new SharedRepositoryWorker(name, karaf, own, common.root(), settings.seed() * 31 + n);
    }

    /** Runs every worker until the duration is over; the first failure stops the others and is thrown. */
    private void runTogether(List<SharedRepositoryWorker> workers) throws Exception {
        long deadline = System.nanoTime() + settings.duration().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<Void>> running = workers.stream()
                    .map(w -> pool.submit(() -> w.runUntil(deadline))).toList();
            for (Future<Void> future : running) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    workers.forEach(SharedRepositoryWorker::stop);
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            workers.forEach(SharedRepositoryWorker::stop);
            pool.shutdown();
        }
    }

    private static Manifest expected(StowageShell.Snapshot snapshot, List<SharedRepositoryWorker> workers,
                                     Manifest common) {
        for (SharedRepositoryWorker worker : workers) {
            int state = worker.stateOf(snapshot);
            if (state > 0) {
                return worker.sources().manifest(state).under(abs(worker.sources().root())).plus(common);
            }
        }
        throw new AssertionError("snapshot " + snapshot.shortId() + " has no tag of copy a or b: " + snapshot.tags());
    }

    static String abs(Path folder) {
        return folder.toAbsolutePath().toString().substring(1);
    }

    private static Path writePassword(Path file) throws IOException {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        Files.writeString(file, HexFormat.of().formatHex(secret) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
