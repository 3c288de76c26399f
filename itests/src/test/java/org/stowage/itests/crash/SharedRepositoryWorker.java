package org.stowage.itests.crash;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * One Karaf copy's loop in the two-process run: backups of its own folder plus the common one, forgets with prune,
 * checks, in random order until the deadline. A refusal by the other copy's lock is counted; any other failure,
 * and any check that reports an error, ends the run with the copy, the operation, its output and the log to read.
 * Runs in one thread; {@link #stop()} may be called from any.
 */
final class SharedRepositoryWorker {

    /** Operations done and refused, per kind. */
    record Counts(String karaf, int backups, int backupsRefused, int prunes, int prunesRefused, int checks,
                  int checksRefused) {
    }

    private final String name;
    private final KarafCopy karaf;
    private final StowageShell stowage;
    private final SourceStates sources;
    private final Path common;
    private final Random random;
    private volatile boolean stopped;
    private boolean stateSaved = true;
    private int backups;
    private int backupsRefused;
    private int prunes;
    private int prunesRefused;
    private int checks;
    private int checksRefused;

    SharedRepositoryWorker(String name, KarafCopy karaf, SourceStates sources, Path common, long seed) {
        this.name = name;
        this.karaf = karaf;
        this.stowage = new StowageShell(karaf.shell());
        this.sources = sources;
        this.common = common;
        this.random = new Random(seed);
    }

    Void runUntil(long deadline) throws IOException {
        int operation = 0;
        while (!stopped && System.nanoTime() < deadline) {
            operation++;
            int dice = operation == 1 ? 0 : random.nextInt(10); // first a backup: something to prune and check
            if (dice < 5) {
                backup(operation);
            } else if (dice < 8) {
                prune(operation);
            } else {
                check(operation);
            }
        }
        return null;
    }

    void stop() {
        stopped = true;
    }

    SourceStates sources() {
        return sources;
    }

    /** The state of this copy's source a snapshot was taken of, or 0 if another copy took it. */
    int stateOf(StowageShell.Snapshot snapshot) {
        for (String tag : snapshot.tags()) {
            if (tag.startsWith(name + "-state-")) {
                return Integer.parseInt(tag.substring((name + "-state-").length()));
            }
        }
        return 0;
    }

    Counts counts() {
        return new Counts(name, backups, backupsRefused, prunes, prunesRefused, checks, checksRefused);
    }

    /** Moves to the next state once the current one is saved (a refused backup is retried with the same state). */
    private void backup(int operation) throws IOException {
        if (stateSaved) {
            sources.advance();
        }
        String command = "stowage:backup --tag " + name + "-state-" + sources.current() + " " + sources.root() + " "
                + common;
        Shell.Result result = karaf.shell().run(command, Duration.ofMinutes(10));
        stateSaved = outcome(result, operation);
        if (stateSaved) {
            backups++;
        } else {
            backupsRefused++;
        }
    }

    private void prune(int operation) {
        if (outcome(stowage.forget(SharedRepositoryHarness.POLICY, true, false), operation)) {
            prunes++;
        } else {
            prunesRefused++;
        }
    }

    private void check(int operation) {
        if (outcome(stowage.check(), operation)) {
            checks++;
        } else {
            checksRefused++;
        }
    }

    /** True if the operation ran, false if the other copy's lock refused it; throws on anything else. */
    private boolean outcome(Shell.Result result, int operation) {
        if (result.ok()) {
            return true;
        }
        if (result.refusedByLock()) {
            return false;
        }
        stopped = true;
        throw new AssertionError("Karaf " + name + ", operation " + operation + ": `" + result.command() + "` failed"
                + (result.exitCode() == -1 ? " (check reported errors)" : " (exit " + result.exitCode() + ")")
                + " on " + karaf.describe() + ":\n" + result.output());
    }
}
