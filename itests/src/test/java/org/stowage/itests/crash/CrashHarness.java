package org.stowage.itests.crash;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Kills a real Karaf with SIGKILL inside backups, prunes, copies and moves and proves what {@code docs/design.md}
 * §11 promises: after a restart on the same {@code data/} and {@code etc/}, a prune is not refused (the dead
 * process's lock is gone), {@code check --read-data} finds no error, every complete snapshot restores identically to
 * the source state it was taken of, and the next run completes: a backup reusing what the killed one stored, a copy
 * or move leaving the snapshot's data where it was sent ({@link CopySteps}).
 *
 * <p>The repository spans two disk devices, {@code local} and {@code copy-target} (no selector, one copy: backups
 * write data packs to {@code local}; tree packs and metadata go to both). The source moves through
 * {@link SourceStates} (one new increment per state); each state is backed up (tag {@code state-N}), then
 * {@code forget last=1 --prune} runs, then, when the run plans copy or move kills, the copy steps. A kill point is the
 * k-th blob to appear in or vanish from the devices' {@code data/} or {@code index/} folders ({@link DeviceWatch}), k
 * drawn from 1 to what the last uncut run of the same step changed ({@link Crasher#killPoint}), so every kill falls
 * inside the operation. The first states run uncut to measure that. Kill points come from the seed; where a kill lands
 * between two blobs still depends on timing.
 */
final class CrashHarness {

    static final String POLICY = "last=1";
    static final long PACK_SIZE = 16L << 20;
    static final long REUSE_MARGIN = 2L << 20;
    private static final int WINDOW = 2;
    private static final int FIRST_PRUNE_KILL_STATE = 4;

    /** What to run: the assembly tar.gz, a scratch folder of its own, and how many kills of each kind. */
    record Settings(Path assembly, Path scratch, long seed, int backupKills, int pruneKills, int copyKills,
                    int moveKills, long incrementBytes) {
    }

    private final Settings settings;
    private final CrashReport report;
    private Crasher crasher;
    private StowageShell stowage;
    private SourceStates sources;
    private CopySteps copySteps;
    private int backupOf;
    private int pruneOf;
    private long uncutStored;

    CrashHarness(Settings settings) {
        this.settings = settings;
        this.report = new CrashReport(settings.seed(), settings.scratch().resolveSibling(
                settings.scratch().getFileName() + "-progress.txt"));
    }

    CrashReport run() throws Exception {
        long started = System.nanoTime();
        Path local = settings.scratch().resolve("device");
        Path copyTarget = settings.scratch().resolve(CopySteps.TARGET);
        try (KarafCopy copy = KarafCopy.unpack("crash", settings.assembly(), settings.scratch().resolve("karaf"),
                KarafLogin.random(), local, settings.scratch().resolve("repository.password"), true)) {
            copy.addDiskDevice(CopySteps.TARGET, copyTarget);
            copy.start();
            sources = new SourceStates(settings.scratch().resolve("source"), settings.seed(),
                    settings.incrementBytes(), WINDOW);
            crasher = new Crasher(copy, List.of(local, copyTarget), sources,
                    new SnapshotVerifier(settings.scratch().resolve("restores")), report, settings.seed());
            stowage = crasher.stowage();
            copySteps = new CopySteps(crasher, report, local, copyTarget, settings.copyKills(), settings.moveKills());
            runStates(copy);
            crasher.checkAndRestore("final check after " + report.kills().size() + " kills");
            copy.stop();
        }
        report.wallTime(Duration.ofNanos(System.nanoTime() - started));
        return report;
    }

    private void runStates(KarafCopy copy) throws Exception {
        int kills = settings.backupKills() + settings.pruneKills() + settings.copyKills() + settings.moveKills();
        int lastState = 3 * kills + FIRST_PRUNE_KILL_STATE + 4;
        while (backupKillsLeft() || pruneKillsLeft() || copySteps.killsLeft()) {
            int state = sources.advance();
            if (state > lastState) {
                throw new AssertionError("gave up after " + lastState + " source states: too many kill points were "
                        + "not reached (" + report.summary() + ")");
            }
            try {
                runState(state);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("crash run (seed " + settings.seed() + ") failed at source state " + state
                        + " after " + report.kills().size() + " kills; scratch kept at " + settings.scratch() + ", "
                        + copy.describe() + ": " + e.getMessage(), e);
            }
        }
    }

    private boolean backupKillsLeft() {
        return report.killsOf("backup") < settings.backupKills();
    }

    private boolean pruneKillsLeft() {
        return report.killsOf("prune") < settings.pruneKills();
    }

    /**
     * Backs up the state and prunes, each killed while kills of its kind are due and its kill points are known, then
     * runs the copy steps.
     */
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
        if (copySteps.planned()) {
            copySteps.run(state);
        }
    }

    private void uncutBackup(int state) throws IOException, InterruptedException {
        long before = DeviceWatch.dataBytes(crasher.devices());
        backupOf = crasher.uncut(StowageShell.backupCommand(sources.root(), SourceStates.tag(state)),
                "uncut backup of state-" + state);
        uncutStored = DeviceWatch.dataBytes(crasher.devices()) - before;
    }

    private void uncutPrune() throws IOException, InterruptedException {
        int changes = crasher.uncut(StowageShell.forgetCommand(POLICY, true, false), "uncut prune");
        if (changes > 0) {
            pruneOf = changes;
        }
    }

    private void killedBackup(int state) throws IOException, InterruptedException {
        int k = crasher.killPoint("backup", report.killsOf("backup"), settings.backupKills(), backupOf);
        String context = "kill " + crasher.nextKill() + " (backup of state-" + state + " at k=" + k + "/" + backupOf
                + ")";
        long before = DeviceWatch.dataBytes(crasher.devices());
        Crasher.Cut cut = crasher.cut(StowageShell.backupCommand(sources.root(), SourceStates.tag(state)), k);
        if (!cut.kill().fired()) {
            crasher.requireOk(cut.result(), context + ", which finished before its kill point");
            report.missed(context + ": " + cut.appeared() + " blobs");
            backupOf = cut.appeared();
            return;
        }
        long afterKill = DeviceWatch.dataBytes(crasher.devices());
        Crasher.AfterCrash after = crasher.afterCrash(context, cut.pid());
        crasher.requireOk(stowage.backup(sources.root(), SourceStates.tag(state)), context + ": re-run of the backup");
        long afterRerun = DeviceWatch.dataBytes(crasher.devices());
        long bound = sources.incrementBytes() + PACK_SIZE + REUSE_MARGIN;
        if (afterRerun - before > bound) {
            throw crasher.failure(context + ": the killed run and its re-run stored " + CrashReport.mib(afterRerun
                    - before) + " of packs together, more than one increment + one pack + margin ("
                    + CrashReport.mib(bound) + "): the re-run stored again what the killed run had stored");
        }
        report.kill(new CrashReport.Kill(crasher.nextKill(), "backup", null, state, k, backupOf, cut.appeared(),
                cut.disappeared(), after.restartSeconds(), after.verified().restored(), after.verified().incomplete(),
                afterKill - before, afterRerun - afterKill, uncutStored));
    }

    private void killedPrune(int state) throws IOException, InterruptedException {
        int k = crasher.killPoint("prune", report.killsOf("prune"), settings.pruneKills(), pruneOf);
        String context = "kill " + crasher.nextKill() + " (prune after state-" + state + " at k=" + k + "/" + pruneOf
                + ")";
        Crasher.Cut cut = crasher.cut(StowageShell.forgetCommand(POLICY, true, false), k);
        if (!cut.kill().fired()) {
            crasher.requireOk(cut.result(), context + ", which finished before its kill point");
            report.missed(context + ": " + cut.changes() + " changes");
            pruneOf = cut.changes();
            return;
        }
        Crasher.AfterCrash after = crasher.afterCrash(context, cut.pid());
        long beforeRerun = DeviceWatch.dataBytes(crasher.devices());
        Shell.Result rerun = stowage.forget(POLICY, true, false);
        crasher.requireOk(rerun, context + ": re-run of the prune"
                + (rerun.refusedByLock() ? " (refused by a lock)" : ""));
        report.kill(new CrashReport.Kill(crasher.nextKill(), "prune", null, state, k, pruneOf, cut.appeared(),
                cut.disappeared(), after.restartSeconds(), after.verified().restored(), after.verified().incomplete(),
                0, beforeRerun - DeviceWatch.dataBytes(crasher.devices()), 0));
    }
}
