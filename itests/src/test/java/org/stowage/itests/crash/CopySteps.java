package org.stowage.itests.crash;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The copy steps of the crash harness: after each state's prune (which leaves one snapshot, {@code last=1}) its data
 * is moved to {@code copy-target}, moved back to {@code local} and copied to {@code copy-target}
 * ({@code stowage:copy --to <device> [--move] <snapshot>}). Each step is killed while kills of its operation are due
 * (moves alternate between the two directions), at the k-th blob to appear in or vanish from the devices, k drawn
 * over what its last uncut run changed ({@link Crasher}); after the restart and its checks the same step runs again
 * and must complete.
 *
 * <p>Every completed run, uncut or re-run, must leave the snapshot where it was sent: {@code stowage:ls --devices}
 * shows all its stored bytes on the target, and after a move none on the other device; in the device folders,
 * every pack the devices held before the step (all of them the snapshot's: the prune before kept only it) is on the
 * target, and after a move none is left on the other device. A killed run and its re-run together may copy at most
 * what an uncut run copies plus one pack (the one cut short) and a margin: the re-run copies again nothing that the
 * killed run completed.
 *
 * <p>The order keeps every state alike: a state begins with the older increment on both devices and the new one on
 * {@code local} (the copy at the end of the previous state, then the backup), so each step changes about as much as
 * its last uncut run did. State 1, with one increment, is the exception: its steps run uncut, kills start at state 3
 * with kill points measured in state 2. Not thread-safe.
 */
final class CopySteps {

    static final String LOCAL = "local";
    static final String TARGET = "copy-target";
    private static final int FIRST_KILL_STATE = 3;

    /** Copy, or move, the snapshot's data to the device {@code to}; {@code from} is the other one. */
    record Step(String to, String from, boolean move) {

        String operation() {
            return move ? "move" : "copy";
        }

        String name() {
            return operation() + " to " + to;
        }
    }

    private static final List<Step> CYCLE = List.of(new Step(TARGET, LOCAL, true), new Step(LOCAL, TARGET, true),
            new Step(TARGET, LOCAL, false));

    private final Crasher crasher;
    private final StowageShell stowage;
    private final CrashReport report;
    private final Map<String, Path> devices;
    private final int copyKills;
    private final int moveKills;
    private final Map<Step, Integer> uncutChanges = new HashMap<>();
    private final Map<Step, Long> uncutCopied = new HashMap<>();

    CopySteps(Crasher crasher, CrashReport report, Path local, Path target, int copyKills, int moveKills) {
        this.crasher = crasher;
        this.stowage = crasher.stowage();
        this.report = report;
        this.devices = Map.of(LOCAL, local, TARGET, target);
        this.copyKills = copyKills;
        this.moveKills = moveKills;
    }

    /** Whether the run plans copy or move kills; without, the states run no copy steps. */
    boolean planned() {
        return copyKills + moveKills > 0;
    }

    boolean killsLeft() {
        return CYCLE.stream().anyMatch(this::killsDue);
    }

    /** The kills planned for a step: every copy kill, and half the move kills each way (the odd one to the target). */
    private int planned(Step step) {
        if (!step.move()) {
            return copyKills;
        }
        return step.to().equals(TARGET) ? (moveKills + 1) / 2 : moveKills / 2;
    }

    private boolean killsDue(Step step) {
        return report.killsOf(step.operation(), step.to()) < planned(step);
    }

    /** Runs the steps on the snapshot of {@code state}, the one the prune kept. */
    void run(int state) throws IOException, InterruptedException {
        String snapshot = snapshotOf(state);
        for (Step step : CYCLE) {
            Set<String> packsBefore = new TreeSet<>();
            for (Path device : devices.values()) {
                packsBefore.addAll(DeviceWatch.packs(device));
            }
            String what = step.name() + " of state-" + state;
            if (state >= FIRST_KILL_STATE && killsDue(step) && uncutChanges.containsKey(step)) {
                what = killed(step, state, snapshot);
            } else {
                uncut(step, snapshot, what);
            }
            verifyPlacement(step, snapshot, packsBefore, what);
        }
    }

    private String snapshotOf(int state) {
        List<StowageShell.Snapshot> tagged = stowage.snapshots().stream()
                .filter(s -> s.complete() && SourceStates.stateOf(s.tags()) == state).toList();
        if (tagged.isEmpty()) {
            throw crasher.failure("no complete snapshot of state-" + state + " after its backup and prune");
        }
        return tagged.get(tagged.size() - 1).id();
    }

    private void uncut(Step step, String snapshot, String what) throws IOException, InterruptedException {
        Path target = devices.get(step.to());
        long before = DeviceWatch.dataBytes(target);
        uncutChanges.put(step, crasher.uncut(StowageShell.copyCommand(snapshot, step.to(), step.move()),
                "uncut " + what));
        uncutCopied.put(step, DeviceWatch.dataBytes(target) - before);
    }

    /** Kills the step, restarts and checks, runs it again; returns the kill's context for later messages. */
    private String killed(Step step, int state, String snapshot) throws IOException, InterruptedException {
        int of = uncutChanges.get(step);
        int k = crasher.killPoint(step.name(), report.killsOf(step.operation(), step.to()), planned(step), of);
        String context = "kill " + crasher.nextKill() + " (" + step.name() + " of state-" + state + " at k=" + k
                + "/" + of + ")";
        Path target = devices.get(step.to());
        long before = DeviceWatch.dataBytes(target);
        Crasher.Cut cut = crasher.cut(StowageShell.copyCommand(snapshot, step.to(), step.move()), k);
        if (!cut.kill().fired()) {
            crasher.requireOk(cut.result(), context + ", which finished before its kill point");
            report.missed(context + ": " + cut.changes() + " changes");
            uncutChanges.put(step, cut.changes());
            uncutCopied.put(step, DeviceWatch.dataBytes(target) - before);
            return context;
        }
        long afterKill = DeviceWatch.dataBytes(target);
        Crasher.AfterCrash after = crasher.afterCrash(context, cut.pid());
        crasher.requireOk(stowage.copy(snapshot, step.to(), step.move()), context + ": re-run of the "
                + step.operation());
        long afterRerun = DeviceWatch.dataBytes(target);
        long bound = uncutCopied.get(step) + CrashHarness.PACK_SIZE + CrashHarness.REUSE_MARGIN;
        if (afterRerun - before > bound) {
            throw crasher.failure(context + ": the killed run and its re-run copied " + CrashReport.mib(afterRerun
                    - before) + " to " + step.to() + " together, more than an uncut run ("
                    + CrashReport.mib(uncutCopied.get(step)) + ") + one pack + margin: the re-run copied again what "
                    + "the killed run had copied");
        }
        report.kill(new CrashReport.Kill(crasher.nextKill(), step.operation(), step.to(), state, k, of,
                cut.appeared(), cut.disappeared(), after.restartSeconds(), after.verified().restored(),
                after.verified().incomplete(), afterKill - before, afterRerun - afterKill, uncutCopied.get(step)));
        return context + ": its re-run";
    }

    /** The snapshot is where the step sent it: by the index (its placement) and in the device folders. */
    private void verifyPlacement(Step step, String snapshot, Set<String> packsBefore, String what)
            throws IOException {
        StowageShell.Placement placement = stowage.placement(snapshot);
        if (placement.on(step.to()) != placement.storedBytes()
                || step.move() && placement.on(step.from()) != 0) {
            throw crasher.failure(what + " completed, but stowage:ls --devices shows " + placement.onDevice()
                    + " of the snapshot's " + placement.storedBytes() + " stored bytes: expected all on " + step.to()
                    + (step.move() ? " and none on " + step.from() : ""));
        }
        Set<String> missing = new TreeSet<>(packsBefore);
        missing.removeAll(DeviceWatch.packs(devices.get(step.to())));
        Set<String> left = new TreeSet<>(packsBefore);
        left.retainAll(DeviceWatch.packs(devices.get(step.from())));
        if (!missing.isEmpty() || step.move() && !left.isEmpty()) {
            throw crasher.failure(what + " completed, but of the " + packsBefore.size() + " packs the devices held "
                    + "before it (the snapshot's), " + missing.size() + " are not in " + devices.get(step.to())
                    + "/data " + missing + (step.move() ? " and " + left.size() + " are still in "
                    + devices.get(step.from()) + "/data " + left : ""));
        }
        report.placementVerified();
    }
}
