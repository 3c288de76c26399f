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
 * What every killed step of the crash harness shares: it runs a command and sends SIGKILL to Karaf at the k-th blob
 * to appear in or vanish from the {@code data/} or {@code index/} folders of the repository's devices
 * ({@link DeviceWatch}, {@link KillSwitch}), draws that k, and after a kill restarts Karaf on the same folders and
 * requires, before the step runs again, what {@code docs/design.md} §11 promises: a prune not refused, no lock of the
 * dead process, {@code check --read-data} clean and every complete snapshot restoring identically. The steps
 * themselves ({@link CrashHarness} for backup and prune, {@link CopySteps} for copy and move) decide what to run and
 * what their re-run must achieve. Not thread-safe.
 */
final class Crasher {

    private static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(10);

    private final KarafCopy karaf;
    private final StowageShell stowage;
    private final List<Path> devices;
    private final SourceStates sources;
    private final SnapshotVerifier verifier;
    private final CrashReport report;
    private final Random killPoints;
    private final Map<String, List<Integer>> sliceOrders = new HashMap<>();

    Crasher(KarafCopy karaf, List<Path> devices, SourceStates sources, SnapshotVerifier verifier, CrashReport report,
            long seed) {
        this.karaf = karaf;
        this.stowage = new StowageShell(karaf.shell());
        this.devices = List.copyOf(devices);
        this.sources = sources;
        this.verifier = verifier;
        this.report = report;
        this.killPoints = new Random(seed);
    }

    StowageShell stowage() {
        return stowage;
    }

    /** The folders of the repository's devices, the home device first. */
    List<Path> devices() {
        return devices;
    }

    /** The number the next kill gets (kills are numbered from 1 in the order they happen). */
    int nextKill() {
        return report.kills().size() + 1;
    }

    /** Runs {@code command} to its end without a kill and returns the blobs it changed on the devices. */
    int uncut(String command, String what) throws IOException, InterruptedException {
        try (DeviceWatch watch = DeviceWatch.start(devices, changes -> { })) {
            requireOk(karaf.shell().run(command, OPERATION_TIMEOUT), what);
            watch.settle();
            return watch.changes();
        }
    }

    /** One killed step: the client's result, whether the kill fired, and the blobs seen by then. */
    record Cut(Shell.Result result, KillSwitch kill, int appeared, int disappeared, long pid) {

        int changes() {
            return appeared + disappeared;
        }
    }

    /** Runs {@code command} and kills Karaf at the k-th change on the devices, unless the command ends first. */
    Cut cut(String command, int k) throws IOException, InterruptedException {
        ProcessHandle jvm = karaf.jvm();
        KillSwitch kill = new KillSwitch(jvm, k);
        try (DeviceWatch watch = DeviceWatch.start(devices, kill)) {
            Shell.Result result = karaf.shell().start(command).await(OPERATION_TIMEOUT);
            if (kill.fired()) {
                karaf.awaitExit();
            }
            watch.settle();
            return new Cut(result, kill, watch.appeared(), watch.disappeared(), jvm.pid());
        }
    }

    /**
     * The k of the i-th of n kills of a step whose uncut run changes {@code of} blobs: 1..of is cut into min(n, of)
     * equal slices, visited in an order shuffled once per step, and k is drawn within the i-th one. So three kills
     * already fall early, midway and late, and a long run covers every k about equally often, where independent
     * draws could repeat one k (the first three of one seed's backup kills were all 3 of 6).
     */
    int killPoint(String step, long i, int n, int of) {
        int slices = Math.min(n, of);
        List<Integer> order = sliceOrders.computeIfAbsent(step + " " + n + "/" + of, key -> shuffledSlices(slices));
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

    record AfterCrash(double restartSeconds, SnapshotVerifier.Outcome verified) {
    }

    /** Restart on the same folders, then: prune not refused, no lock of the dead pid, check clean, restores. */
    AfterCrash afterCrash(String context, long deadPid) throws IOException {
        long started = System.nanoTime();
        karaf.start();
        double restartSeconds = (System.nanoTime() - started) / 1e9;
        Shell.Result prune = stowage.forget(CrashHarness.POLICY, true, true);
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

    /** {@code check --read-data} must be clean and every complete snapshot must restore to its source state. */
    SnapshotVerifier.Outcome checkAndRestore(String context) throws IOException {
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

    void requireOk(Shell.Result result, String what) {
        if (!result.ok()) {
            throw new AssertionError(what + ": `" + result.command() + "` failed (exit " + result.exitCode()
                    + ") on " + karaf.describe() + ":\n" + result.output());
        }
    }

    /** Fails with {@code what}, naming the Karaf copy whose log tells more. */
    AssertionError failure(String what) {
        return new AssertionError(what + "; " + karaf.describe());
    }
}
