package org.stowage.itests.crash;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Kills a real Karaf with SIGKILL inside backups and prunes and proves what {@code docs/design.md} §11 promises: after
 * a restart on the same {@code data/} and {@code etc/}, a prune is not refused (the dead process's lock is gone),
 * {@code check --read-data} finds no error, every complete snapshot restores identically to the source state it was
 * taken of, and the next run completes, a backup reusing what the killed one stored.
 *
 * <p>The source moves through {@link SourceStates} (one new increment per state); each state is backed up (tag
 * {@code state-N}) and then {@code forget last=1 --prune} runs. A kill point is the k-th blob to appear in or vanish
 * from the device's {@code data/} or {@code index/} ({@link DeviceWatch}), k drawn from 1 to what the last uncut run
 * of the same step changed ({@link #killPoint}), so every kill falls inside the operation. The first states run
 * uncut to measure that. Kill points come from the seed; where a kill lands between two blobs still depends on
 * timing.
 */
final class CrashHarness {

    static final String POLICY = "last=1";
    private static final long PACK_SIZE = 16L << 20;
    private static final long REUSE_MARGIN = 2L << 20;
    private static final int WINDOW = 2;
    private static final int FIRST_PRUNE_KILL_STATE = 4;
    private static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(10);

    /** What to run: the assembly tar.gz, a scratch folder of its own, and how many kills of each kind. */
    record Settings(Path assembly, Path scratch, long seed, int backupKills, int pruneKills, long incrementBytes) {
    }

    private final Settings settings;
    private final Random killPoints;
    private final Map<String, List<Integer>> sliceOrders = new HashMap<>();
    private final CrashReport report;
    private final Path device;
    private KarafCopy karaf;
    private StowageShell stowage;
    private SourceStates sources;
    private SnapshotVerifier verifier;
    private int backupOf;
    private int pruneOf;
    private long uncutStored;
    private int kills;

    CrashHarness(Settings settings) {
        this.settings = settings;
        this.killPoints = new Random(settings.seed());
        this.report = new CrashReport(settings.seed(), settings.scratch().resolveSibling(
                settings.scratch().getFileName() + "-progress.txt"));
        this.device = settings.scratch().resolve("device");
    }

    CrashReport run() throws Exception {
        long started = System.nanoTime();
        try (KarafCopy copy = KarafCopy.unpack("crash", settings.assembly(), settings.scratch().resolve("karaf"),
                KarafLogin.random(), device, settings.scratch().resolve("repository.password"), true)) {
            karaf = copy;
            copy.start();
            stowage = new StowageShell(copy.shell());
            sources = new SourceStates(settings.scratch().resolve("source"), settings.seed(),
                    settings.incrementBytes(), WINDOW);
            verifier = new SnapshotVerifier(settings.scratch().resolve("restores"));
            runStates();
            finalCheck();
            copy.stop();
        }
        report.wallTime(Duration.ofNanos(System.nanoTime() - started));
        return report;
    }

    private void runStates() throws Exception {
        int lastState = 3 * (settings.backupKills() + settings.pruneKills()) + FIRST_PRUNE_KILL_STATE + 4;
        while (backupKillsLeft() || pruneKillsLeft()) {
            int state = sources.advance();
            if (state > lastState) {
                throw new AssertionError("gave up after " + lastState + " source states: too many kill points were "
                        + "not reached (" + report.summary() + ")");
            }
            try {
                runState(state);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("crash run (seed " + settings.seed() + ") failed at source state " + state
                        + " after " + kills + " kills; scratch kept at " + settings.scratch() + ", "
                        + karaf.describe() + ": " + e.getMessage(), e);
            }
        }
    }

    private boolean backupKillsLeft() {
        return report.killsOf("backup") < settings.backupKills();
    }

    private boolean pruneKillsLeft() {
        return report.killsOf("prune") < settings.pruneKills();
    }

    /** Backs up the state and prunes, each killed while kills of its kind are due and its kill points are known. */
    private void runState(int state) throws IOException, InterruptedException {
        if (state > 1 && backupKillsLeft()) {
            killedBackup(state);
        } else {
            uncutBackup(state);
        }
        if (state >= FIRST_PRUNE_KILL_STATE && pruneOf > 0 && pruneKillsLeft()) {
            killedPrune(state);
        } else {
            uncutPrune();
        }
    }

    private void uncutBackup(int state) throws IOException, InterruptedException {
        long before = DeviceWatch.dataBytes(device);
        try (DeviceWatch watch = DeviceWatch.start(device, changes -> { })) {
            requireOk(stowage.backup(sources.root(), SourceStates.tag(state)), "uncut backup of state-" + state);
            watch.settle();
            backupOf = watch.changes();
        }
        uncutStored = DeviceWatch.dataBytes(device) - before;
    }

    private void uncutPrune() throws IOException, InterruptedException {
        try (DeviceWatch watch = DeviceWatch.start(device, changes -> { })) {
            requireOk(stowage.forget(POLICY, true, false), "uncut prune");
            watch.settle();
            if (watch.changes() > 0) {
                pruneOf = watch.changes();
            }
        }
    }

    /** One killed step: the client's result, whether the kill fired, and the blobs seen by then. */
    private record Cut(Shell.Result result, KillSwitch kill, int appeared, int disappeared, long pid) {
    }

    private Cut cut(String command, int k) throws IOException, InterruptedException {
        ProcessHandle jvm = karaf.jvm();
        KillSwitch kill = new KillSwitch(jvm, k);
        try (DeviceWatch watch = DeviceWatch.start(device, kill)) {
            Shell.Result result = karaf.shell().start(command).await(OPERATION_TIMEOUT);
            if (kill.fired()) {
                karaf.awaitExit();
            }
            watch.settle();
            return new Cut(result, kill, watch.appeared(), watch.disappeared(), jvm.pid());
        }
    }

    private void killedBackup(int state) throws IOException, InterruptedException {
        int k = killPoint(report.killsOf("backup"), settings.backupKills(), backupOf);
        String context = "kill " + (kills + 1) + " (backup of state-" + state + " at k=" + k + "/" + backupOf + ")";
        long before = DeviceWatch.dataBytes(device);
        Cut cut = cut(StowageShell.backupCommand(sources.root(), SourceStates.tag(state)), k);
        if (!cut.kill().fired()) {
            requireOk(cut.result(), context + ", which finished before its kill point");
            report.missed(context + ": " + cut.appeared() + " blobs");
            backupOf = cut.appeared();
            return;
        }
        kills++;
        long afterKill = DeviceWatch.dataBytes(device);
        AfterCrash after = afterCrash(context, cut.pid());
        requireOk(stowage.backup(sources.root(), SourceStates.tag(state)), context + ": re-run of the backup");
        long afterRerun = DeviceWatch.dataBytes(device);
        long bound = sources.incrementBytes() + PACK_SIZE + REUSE_MARGIN;
        if (afterRerun - before > bound) {
            throw new AssertionError(context + ": the killed run and its re-run stored " + CrashReport.mib(afterRerun
                    - before) + " of packs together, more than one increment + one pack + margin ("
                    + CrashReport.mib(bound) + "): the re-run stored again what the killed run had stored; "
                    + karaf.describe());
        }
        report.kill(new CrashReport.Kill(kills, "backup", state, k, backupOf, cut.appeared(), cut.disappeared(),
                after.restartSeconds(), after.verified().restored(), after.verified().incomplete(),
                afterKill - before, afterRerun - afterKill, uncutStored));
    }

    private void killedPrune(int state) throws IOException, InterruptedException {
        int k = killPoint(report.killsOf("prune"), settings.pruneKills(), pruneOf);
        String context = "kill " + (kills + 1) + " (prune after state-" + state + " at k=" + k + "/" + pruneOf + ")";
        Cut cut = cut(StowageShell.forgetCommand(POLICY, true, false), k);
        if (!cut.kill().fired()) {
            requireOk(cut.result(), context + ", which finished before its kill point");
            report.missed(context + ": " + (cut.appeared() + cut.disappeared()) + " changes");
            pruneOf = cut.appeared() + cut.disappeared();
            return;
        }
        kills++;
        AfterCrash after = afterCrash(context, cut.pid());
        long beforeRerun = DeviceWatch.dataBytes(device);
        Shell.Result rerun = stowage.forget(POLICY, true, false);
        requireOk(rerun, context + ": re-run of the prune" + (rerun.refusedByLock() ? " (refused by a lock)" : ""));
        report.kill(new CrashReport.Kill(kills, "prune", state, k, pruneOf, cut.appeared(), cut.disappeared(),
                after.restartSeconds(), after.verified().restored(), after.verified().incomplete(), 0,
                beforeRerun - DeviceWatch.dataBytes(device), 0));
    }

    /**
     * The k of the i-th of n kills of an operation whose uncut run changes {@code of} blobs: 1..of is cut into
     * min(n, of) equal slices, visited in an order shuffled once per operation kind, and k is drawn within the
     * i-th one. So three kills already fall early, midway and late, and a long run covers every k about equally
     * often, where independent draws could repeat one k (the first three of this seed's were all 3 of 6).
     */
    private int killPoint(long i, int n, int of) {
        int slices = Math.min(n, of);
        List<Integer> order = sliceOrders.computeIfAbsent(n + "/" + of, key -> shuffledSlices(slices));
        int slice = order.get((int) (i % slices));
        int from = slice * of / slices;
        int to = (slice + 1) * of / slices;
        return 1 + from + killPoints.nextInt(Math.max(1, to - from));
    }

    private List<Integer> shuffledSlices(int slices) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, slices).boxed().toList());
        Collections.shuffle(order, killPoints);
        return order;
    }

    private record AfterCrash(double restartSeconds, SnapshotVerifier.Outcome verified) {
    }

    /** Restart on the same folders, then: prune not refused, no lock of the dead pid, check clean, restores. */
    private AfterCrash afterCrash(String context, long deadPid) throws IOException {
        long started = System.nanoTime();
        karaf.start();
        double restartSeconds = (System.nanoTime() - started) / 1e9;
        Shell.Result prune = stowage.forget(POLICY, true, true);
        requireOk(prune, context + ": a prune (dry run) right after the restart"
                + (prune.refusedByLock() ? " was refused by the dead process's lock" : ""));
        report.pruneAfterRestartAccepted();
        List<StowageShell.Lock> left = stowage.locks().stream().filter(l -> l.pid() == deadPid).toList();
        if (!left.isEmpty()) {
            throw new AssertionError(context + ": after the restart the killed process's locks are still there: "
                    + left + "; " + karaf.describe());
        }
        return new AfterCrash(restartSeconds, checkAndRestore(context));
    }

    private SnapshotVerifier.Outcome checkAndRestore(String context) throws IOException {
        requireOk(stowage.check(), context + ": check --read-data");
        report.checkPassed();
        SnapshotVerifier.Outcome outcome = verifier.verifyAll(stowage, this::expected, context);
        for (int i = 0; i < outcome.restored(); i++) {
            report.restored();
        }
        return outcome;
    }

    private Manifest expected(StowageShell.Snapshot snapshot) {
        int state = SourceStates.stateOf(snapshot.tags());
        if (state < 0) {
            throw new AssertionError("snapshot " + snapshot.shortId() + " has no state tag: " + snapshot.tags());
        }
        return sources.manifest(state).under(sources.root().toAbsolutePath().toString().substring(1));
    }

    private void finalCheck() throws IOException {
        checkAndRestore("final check after " + kills + " kills");
    }

    private void requireOk(Shell.Result result, String what) {
        if (!result.ok()) {
            throw new AssertionError(what + ": `" + result.command() + "` failed (exit " + result.exitCode()
                    + ") on " + karaf.describe() + ":\n" + result.output());
        }
    }
}
