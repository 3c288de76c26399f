package org.stowage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How {@link Report} judges a bar: per repetition, against the same repetition's reference. */
class ReportTest {

    private static final double GIB = 1 << 30;

    private final List<String[]> rows = new ArrayList<>();

    /** A full backup of 1 GiB that took {@code seconds} (NaN: not run), exit code {@code rc}. */
    private void full(int rep, String tool, double seconds, int rc) {
        rows.add(new String[] {String.valueOf(rep), tool, "full.wall_s", String.valueOf(seconds)});
        rows.add(new String[] {String.valueOf(rep), tool, "full.rc", String.valueOf(rc)});
    }

    private void restore(int rep, String tool, double seconds, boolean identical) {
        for (String phase : List.of("restore", "restore_workfs")) {
            rows.add(new String[] {String.valueOf(rep), tool, phase + ".wall_s", String.valueOf(seconds)});
            rows.add(new String[] {String.valueOf(rep), tool, phase + ".rc", "0"});
            rows.add(new String[] {String.valueOf(rep), tool, phase + ".verified", identical ? "1" : "0"});
        }
    }

    /** The bar's row, its cells trimmed: bar, Stowage, reference, ratio (per repetition), need, result. */
    private List<String> bar(String title) {
        return java.util.Arrays.stream(barLine(title).split("\\|")).map(String::trim).filter(c -> !c.isEmpty())
                .toList();
    }

    private String barLine(String title) {
        String text = text();
        return text.lines().filter(l -> l.contains(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no bar '" + title + "' in:\n" + text));
    }

    private String text() {
        return new Report(Map.of("reps", "3", "data_bytes", String.valueOf((long) GIB),
                "changed_data_bytes", String.valueOf((long) GIB), "svc_warmup", "crypto (as the product)"), rows)
                .text();
    }

    private void add(int rep, String tool, String metric, double value) {
        rows.add(new String[] {String.valueOf(rep), tool, metric, String.valueOf(value)});
    }

    @Test
    void aBarPassesWhenEveryRepetitionPassesAndShowsTheSpread() {
        for (int rep = 1; rep <= 3; rep++) {
            full(rep, "stowage-svc", 2.0, 0);
            full(rep, "borg", 4.0 + rep, 0);
        }
        List<String> bar = bar("full backup >= 2x borg");
        assertEquals("3.00x (2.50 / 3.00 / 3.50)", bar.get(3));
        assertEquals("PASS", bar.get(5));
    }

    @Test
    void aFailedRepetitionFailsTheBarEvenWhenTheOthersPass() {
        full(1, "stowage-svc", 2.0, 0);
        full(2, "stowage-svc", 2.0, 1);
        full(3, "stowage-svc", 2.0, 0);
        for (int rep = 1; rep <= 3; rep++) {
            full(rep, "borg", 10.0, 0);
        }
        assertEquals("FAIL (repetition 2 of Stowage failed)", bar("full backup >= 2x borg").get(5));
    }

    @Test
    void repetitionsThatDisagreeAreNoiseAndFail() {
        double[] borg = {4.42, 4.82, 3.86}; // ratios 2.21, 2.41, 1.93 against 2.0 s
        for (int rep = 1; rep <= 3; rep++) {
            full(rep, "stowage-svc", 2.0, 0);
            full(rep, "borg", borg[rep - 1], 0);
        }
        List<String> bar = bar("full backup >= 2x borg");
        assertEquals("2.21x (2.21 / 2.41 / 1.93)", bar.get(3));
        assertEquals("FAIL (within noise: 2 of 3 repetitions pass)", bar.get(5));
    }

    @Test
    void aRestoreOfAWrongTreeFailsItsBar() {
        for (int rep = 1; rep <= 3; rep++) {
            restore(rep, "stowage-svc", 2.0, rep != 3);
            restore(rep, "restic-off", 10.0, true);
        }
        assertEquals("FAIL (repetition 3 of Stowage failed)", bar("restore >= 1.5x restic").get(5));
    }

    @Test
    void againstResticEachRepetitionTakesTheFasterVariantOfThatRepetition() {
        double[] off = {3.0, 9.0, 6.0}; // median 6 s
        double[] auto = {9.0, 3.0, 6.0}; // median 6 s
        for (int rep = 1; rep <= 3; rep++) {
            restore(rep, "stowage-svc", 2.0, true);
            restore(rep, "restic-off", off[rep - 1], true);
            restore(rep, "restic-auto", auto[rep - 1], true);
        }
        List<String> bar = bar("restore >= 1.5x restic");
        assertEquals("1.50x (1.50 / 1.50 / 3.00)", bar.get(3),
                "against the faster of the two in each repetition (3, 3, 6 s), not the better median (6 s: 3.00x)");
        assertEquals("PASS", bar.get(5));
    }

    @Test
    void againstBorgEachRepetitionTakesTheFasterOfZstdAndAuto() {
        double[] zstd = {4.0, 8.0, 6.0};
        double[] auto = {8.0, 4.0, 5.0};
        for (int rep = 1; rep <= 3; rep++) {
            full(rep, "stowage-svc", 2.0, 0);
            full(rep, "borg", zstd[rep - 1], 0);
            full(rep, "borg-auto", auto[rep - 1], 0);
        }
        List<String> bar = bar("full backup >= 2x borg");
        assertEquals("2.00x (2.00 / 2.00 / 2.50)", bar.get(3));
        assertEquals("PASS", bar.get(5));
    }

    @Test
    void theColdCliGetsTheSameBarsBesideTheServiceNotJudged() {
        for (int rep = 1; rep <= 3; rep++) {
            full(rep, "stowage-svc", 2.0, 0);
            full(rep, "stowage", 4.0, 0);
            full(rep, "borg", 6.0, 0);
        }
        List<String> bar = bar("full backup >= 2x borg");
        assertEquals("PASS", bar.get(5), "judged on the service: 3.00x");
        assertEquals("1.50x (1.50 / 1.50 / 1.50)", bar.get(6), "the cold CLI's ratio, in the last column");
    }

    @Test
    void theBarsSayWhichWarmUpTheServiceRan() {
        for (int rep = 1; rep <= 3; rep++) {
            full(rep, "stowage-svc", 2.0, 0);
            full(rep, "borg", 6.0, 0);
        }
        assertTrue(text().contains("judged on Stowage in-service (warm-up: crypto): "), text());
    }

    @Test
    void theServiceStartUpIsReportedPerRepetition() {
        for (int rep = 1; rep <= 3; rep++) {
            full(rep, "stowage-svc", 2.0, 0);
            add(rep, "stowage-svc", "startup.wall_s", 1.0 + rep);
            add(rep, "stowage-svc", "startup.user_s", 2.0);
            add(rep, "stowage-svc", "startup.sys_s", 0.5);
            add(rep, "stowage-svc", "startup.rss_kb", 204_800);
            add(rep, "stowage-svc", "startup.written_bytes", rep * 1024 * 1024);
            add(rep, "stowage-svc", "startup.rc", 0);
            add(rep, "stowage-svc", "init.wall_s", 0.9);
        }
        String text = text();
        assertTrue(text.contains("Service start-up (Stowage in-service") && text.contains("warm-up (crypto)"), text);
        List<String> second = text.lines().filter(l -> l.startsWith("| 2 ")).findFirst().orElseThrow()
                .transform(l -> java.util.Arrays.stream(l.split("\\|")).map(String::trim).filter(c -> !c.isEmpty())
                        .toList());
        assertEquals(List.of("2", "3.00", "2.5", "2.0", "200", "0.90"), second);
        String median = text.lines().filter(l -> l.startsWith("| service start-up: time to ready")).findFirst()
                .orElseThrow();
        assertTrue(median.contains("3.00"), median);
    }
}
