package org.stowage.itests.crash;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** What the two-process run did: per copy, operations done and refused; the restores at the end. Immutable. */
record SharedRepositoryReport(List<SharedRepositoryWorker.Counts> counts, int restored, Duration loop,
                              Duration wallTime) {

    int checks() {
        return counts.stream().mapToInt(SharedRepositoryWorker.Counts::checks).sum();
    }

    int done() {
        return counts.stream().mapToInt(c -> c.backups() + c.prunes() + c.checks()).sum();
    }

    int refused() {
        return counts.stream().mapToInt(c -> c.backupsRefused() + c.prunesRefused() + c.checksRefused()).sum();
    }

    String summary() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Two Karaf processes on one repository for %d s (policy %s)%n", loop.toSeconds(),
                SharedRepositoryHarness.POLICY));
        for (SharedRepositoryWorker.Counts c : counts) {
            out.append(String.format(Locale.ROOT, "  Karaf %s: backups %d (refused %d), forget --prune %d "
                            + "(refused %d), check --read-data %d passed (refused %d)%n", c.karaf(), c.backups(),
                    c.backupsRefused(), c.prunes(), c.prunesRefused(), c.checks(), c.checksRefused()));
        }
        out.append(String.format(Locale.ROOT, "operations done: %d, refused by the other's lock: %d; checks passed: "
                + "%d (+1 final); snapshots restored identically at the end: %d%n", done(), refused(), checks(),
                restored));
        out.append(String.format(Locale.ROOT, "wall time: %d min %02d s%n", wallTime.toMinutes(),
                wallTime.toSecondsPart()));
        return out.toString();
    }
}
