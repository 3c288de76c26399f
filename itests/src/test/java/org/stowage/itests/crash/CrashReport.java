package org.stowage.itests.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What a crash run did: one record per kill and the totals the bench prints. Not thread-safe. */
final class CrashReport {

    /**
     * One kill -9 and what the restarted Karaf found and did. {@code to} is the target device of a copy or move (null
     * for backup and prune). The byte counts: a backup's packs stored by the killed run, by its re-run and by the last
     * uncut backup; a copy's or move's bytes copied to the target by the killed run, by its re-run and by the last
     * uncut run of the same step; a prune's re-run's bytes freed ({@code rerunWrote}).
     */
    record Kill(int number, String operation, String to, int state, int k, int of, int appeared, int disappeared,
                double restartSeconds, int restored, int incomplete, long killedWrote, long rerunWrote,
                long uncutStored) {

        /** Bytes the re-run did not have to store because the killed run had stored them (backups). */
        long reused() {
            return Math.max(0, uncutStored - rerunWrote);
        }

        /** The operation and, for a copy or move, its target: what the kill points of one kind are drawn for. */
        String step() {
            return to == null ? operation : operation + " to " + to;
        }

        String line() {
            String phase = String.format(Locale.ROOT, "k=%d/%d (+%d -%d blobs)", k, of, appeared, disappeared);
            String detail = switch (operation) {
                case "backup" -> String.format(Locale.ROOT, ", killed run stored %s, re-run %s of an uncut %s",
                        mib(killedWrote), mib(rerunWrote), mib(uncutStored));
                case "prune" -> String.format(Locale.ROOT, ", re-run freed %s", mib(rerunWrote));
                default -> String.format(Locale.ROOT, ", killed run copied %s, re-run %s of an uncut %s",
                        mib(killedWrote), mib(rerunWrote), mib(uncutStored));
            };
            return String.format(Locale.ROOT, "kill %2d %-6s state-%d%s %s: restart %.1f s, check ok, %d restored%s%s",
                    number, operation, state, to == null ? "" : " to " + to, phase, restartSeconds, restored,
                    incomplete > 0 ? " (" + incomplete + " incomplete)" : "", detail);
        }
    }

    private final long seed;
    private final Path progress;
    private final List<Kill> kills = new ArrayList<>();
    private final List<String> missed = new ArrayList<>();
    private int checksPassed;
    private int snapshotsRestored;
    private int dryRunPrunesAccepted;
    private int placementsVerified;
    private Duration wallTime = Duration.ZERO;

    /** @param progress a file that gets one line per kill as it happens (a long run can be followed there) */
    CrashReport(long seed, Path progress) {
        this.seed = seed;
        this.progress = progress;
    }

    void kill(Kill kill) throws IOException {
        kills.add(kill);
        appendProgress(kill.line());
    }

    /** A planned kill point the operation never reached: it finished first (counted, not a kill). */
    void missed(String what) throws IOException {
        missed.add(what);
        appendProgress("not killed: " + what);
    }

    private void appendProgress(String line) throws IOException {
        Files.writeString(progress, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    void checkPassed() {
        checksPassed++;
    }

    void restored() {
        snapshotsRestored++;
    }

    void pruneAfterRestartAccepted() {
        dryRunPrunesAccepted++;
    }

    /** A copy or move completed (uncut, or the re-run after a kill) and left the snapshot where it was sent. */
    void placementVerified() {
        placementsVerified++;
    }

    void wallTime(Duration wallTime) {
        this.wallTime = wallTime;
    }

    List<Kill> kills() {
        return List.copyOf(kills);
    }

    long killsOf(String operation) {
        return kills.stream().filter(k -> k.operation().equals(operation)).count();
    }

    long killsOf(String operation, String to) {
        return kills.stream().filter(k -> k.operation().equals(operation) && to.equals(k.to())).count();
    }

    int checksPassed() {
        return checksPassed;
    }

    int snapshotsRestored() {
        return snapshotsRestored;
    }

    String summary() {
        StringBuilder out = new StringBuilder();
        out.append("Crash run, seed ").append(seed).append('\n');
        kills.forEach(k -> out.append("  ").append(k.line()).append('\n'));
        missed.forEach(m -> out.append("  not killed (finished before its kill point): ").append(m).append('\n'));
        List<Kill> backups = kills.stream().filter(k -> k.operation().equals("backup")).toList();
        long killedWrote = backups.stream().mapToLong(Kill::killedWrote).sum();
        long reused = backups.stream().mapToLong(Kill::reused).sum();
        long rerun = backups.stream().mapToLong(Kill::rerunWrote).sum();
        out.append(String.format(Locale.ROOT, "kills: %d during backup, %d during prune, %d during copy, %d during "
                        + "move (%d planned points not reached); checks passed: %d; snapshots restored identically: %d;"
                        + " prunes right after restart accepted: %d%n", killsOf("backup"), killsOf("prune"),
                killsOf("copy"), killsOf("move"), missed.size(), checksPassed, snapshotsRestored,
                dryRunPrunesAccepted));
        out.append(String.format(Locale.ROOT, "backup kills: killed runs stored %s, their re-runs %s; reused %s "
                        + "(what uncut runs store minus what the re-runs stored)%n", mib(killedWrote), mib(rerun),
                mib(reused)));
        List<Kill> copies = kills.stream().filter(k -> k.to() != null).toList();
        out.append(String.format(Locale.ROOT, "copy and move kills: killed runs copied %s, their re-runs %s (uncut "
                        + "runs of the same steps: %s); copies and moves that completed with the snapshot all on "
                        + "their target (moves: none of it left on the other device): %d, %d of them re-runs%n",
                mib(copies.stream().mapToLong(Kill::killedWrote).sum()),
                mib(copies.stream().mapToLong(Kill::rerunWrote).sum()),
                mib(copies.stream().mapToLong(Kill::uncutStored).sum()), placementsVerified, copies.size()));
        Map<String, List<String>> points = new TreeMap<>();
        kills.forEach(k -> points.computeIfAbsent(k.step(), s -> new ArrayList<>()).add(k.k() + "/" + k.of()));
        points.forEach((step, ks) -> out.append("k per kill, ").append(step).append(": ")
                .append(String.join(" ", ks)).append('\n'));
        out.append(String.format(Locale.ROOT, "wall time: %d min %02d s%n", wallTime.toMinutes(),
                wallTime.toSecondsPart()));
        return out.toString();
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
