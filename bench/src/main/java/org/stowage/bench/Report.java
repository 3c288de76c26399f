package org.stowage.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Turns the raw measurements of {@code bench/run.sh} into the results table, the bars with their ratios and
 * PASS/FAIL, and a JSON file.
 *
 * <p>Input: {@code measurements.tsv} with lines {@code rep tool metric value} and {@code meta.tsv} with lines
 * {@code key value}. Every figure is computed per repetition and the median over repetitions is shown (min and max
 * go to the JSON). Self-contained so that it runs as {@code java Report.java ...} without the engine.
 */
public final class Report {

    private static final double MIB = 1024.0 * 1024.0;
    /** Issue 18: a no-change re-backup with 20 exclude patterns takes at most this times as long as without. */
    private static final double EXCLUDES_BAR = 1.1;
    /** The two restic variants: bars against restic take the better of them, repetition by repetition. */
    private static final List<String> RESTIC = List.of("restic-off", "restic-auto");
    /**
     * The two borg variants: zstd,3 on every chunk, and auto,zstd,3 (an lz4 trial decides per chunk), the nearest
     * borg has to Stowage's compression probe; the bar against borg takes the faster of them, repetition by
     * repetition.
     */
    private static final List<String> BORG = List.of("borg", "borg-auto");
    private static final List<String> TOOL_ORDER =
            List.of("stowage-svc", "stowage", "restic-off", "restic-auto", "borg", "borg-auto");
    private static final Map<String, String> TOOL_TITLES = Map.of(
            "stowage-svc", "Stowage in-service",
            "stowage", "Stowage cold CLI",
            "restic-off", "restic comp. off",
            "restic-auto", "restic comp. auto",
            "borg", "borg zstd,3",
            "borg-auto", "borg auto,zstd,3");
    /** startup: the in-service JVM's start (stowage-svc only), see {@link #startup}. */
    private static final List<String> PHASES = List.of("startup", "init", "full", "nochange", "nochange_excl",
            "change1", "restore", "restore_workfs", "check");

    private final Map<String, String> meta;
    /** tool, then metric, then one value per repetition (NaN where missing). */
    private final Map<String, Map<String, double[]>> raw = new LinkedHashMap<>();
    private final int reps;
    private final List<String> tools = new ArrayList<>();

    Report(Map<String, String> meta, List<String[]> rows) {
        this.meta = meta;
        this.reps = Integer.parseInt(meta.getOrDefault("reps", "1"));
        for (String[] r : rows) {
            int rep = Integer.parseInt(r[0]);
            raw.computeIfAbsent(r[1], t -> new TreeMap<>())
                    .computeIfAbsent(r[2], m -> nanArray(reps))[rep - 1] = Double.parseDouble(r[3]);
        }
        for (String t : TOOL_ORDER) {
            if (raw.containsKey(t)) {
                tools.add(t);
            }
        }
        raw.keySet().stream().filter(t -> !tools.contains(t)).forEach(tools::add);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: java Report.java MEASUREMENTS.tsv META.tsv OUT.txt OUT.json");
            System.exit(2);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (String[] kv : readTsv(Path.of(args[1]))) {
            meta.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        Report report = new Report(meta, readTsv(Path.of(args[0])));
        String text = report.text();
        Files.writeString(Path.of(args[2]), text, StandardCharsets.UTF_8);
        Files.writeString(Path.of(args[3]), report.json(), StandardCharsets.UTF_8);
        System.out.print(text);
    }

    // ---- figures ------------------------------------------------------------------------------------------------

    /** One row of the main table: how to compute it per repetition, how to print it. */
    private record Figure(String key, String title, String unit, String format, ToDoubleFunction<Rep> value) {
    }

    /** The raw values of one tool in one repetition. */
    private final class Rep {
        final String tool;
        final int index;

        Rep(String tool, int index) {
            this.tool = tool;
            this.index = index;
        }

        double get(String metric) {
            double[] v = raw.getOrDefault(tool, Map.of()).get(metric);
            return v == null ? Double.NaN : v[index];
        }

        /** NaN unless the phase ran and exited 0, so a failed run never shows a figure. */
        double ok(String phase, double value) {
            return get(phase + ".rc") == 0 ? value : Double.NaN;
        }
    }

    private List<Figure> figures() {
        double dataBytes = Double.parseDouble(meta.getOrDefault("data_bytes", "NaN"));
        double changedBytes = Double.parseDouble(meta.getOrDefault("changed_data_bytes", "NaN"));
        return List.of(
                new Figure("full_mib_s", "full backup", "MiB/s", "%.1f",
                        r -> r.ok("full", dataBytes / MIB / r.get("full.wall_s"))),
                new Figure("full_s", "full backup time", "s", "%.2f", r -> r.ok("full", r.get("full.wall_s"))),
                new Figure("nochange_s", "no-change re-backup", "s", "%.2f",
                        r -> r.ok("nochange", r.get("nochange.wall_s"))),
                new Figure("nochange_excl_s", "  the same with 20 excludes", "s", "%.2f",
                        r -> r.ok("nochange_excl", r.get("nochange_excl.wall_s"))),
                new Figure("change1_s", "1 % change re-backup", "s", "%.2f",
                        r -> r.ok("change1", r.get("change1.wall_s"))),
                new Figure("change1_added_mib", "  bytes it added to the repo", "MiB", "%.1f",
                        r -> r.ok("change1", (r.get("repo.change1_bytes") - r.get("repo.nochange_bytes")) / MIB)),
                restore("restore_mib_s", "restore (latest)", "restore", changedBytes),
                restore("restore_workfs_mib_s", "  onto the work directory's fs", "restore_workfs", changedBytes),
                new Figure("check_s", "check --read-data", "s", "%.2f", r -> r.ok("check", r.get("check.wall_s"))),
                new Figure("repo_full_mib", "repository after full backup", "MiB", "%.1f",
                        r -> r.ok("full", r.get("repo.full_bytes") / MIB)),
                new Figure("repo_end_mib", "repository after 3 backups", "MiB", "%.1f",
                        r -> r.ok("change1", r.get("repo.change1_bytes") / MIB)),
                new Figure("peak_rss_mib", "peak RSS (max of all phases)", "MiB", "%.0f", r -> {
                    double max = Double.NaN;
                    List<String> all = new ArrayList<>(PHASES);
                    all.add("service"); // the in-service JVM's whole life (stowage-svc only)
                    for (String p : all) {
                        double v = r.get(p + ".rss_kb") / 1024.0;
                        max = Double.isNaN(max) || v > max ? v : max;
                    }
                    return max;
                }),
                new Figure("full_rss_mib", "peak RSS of the full backup", "MiB", "%.0f",
                        r -> r.get("full.rss_kb") / 1024.0),
                new Figure("full_cpu_s", "CPU time of the full backup", "s", "%.1f",
                        r -> r.get("full.user_s") + r.get("full.sys_s")),
                new Figure("restore_cpu_s", "CPU time of the restore", "s", "%.1f",
                        r -> r.get("restore.user_s") + r.get("restore.sys_s")),
                new Figure("startup_ready_s", "service start-up: time to ready", "s", "%.2f",
                        r -> r.ok("startup", r.get("startup.wall_s"))),
                new Figure("startup_cpu_s", "  CPU time until ready", "s", "%.1f",
                        r -> r.ok("startup", r.get("startup.user_s") + r.get("startup.sys_s"))),
                new Figure("startup_written_mib", "  bytes written until ready", "MiB", "%.1f",
                        r -> r.ok("startup", r.get("startup.written_bytes") / MIB)));
    }

    /** A restore's throughput; NaN unless it exited 0 and restored a tree identical to the data. */
    private static Figure restore(String key, String title, String phase, double changedBytes) {
        return new Figure(key, title, "MiB/s", "%.1f", r -> r.get(phase + ".verified") == 1
                ? r.ok(phase, changedBytes / MIB / r.get(phase + ".wall_s")) : Double.NaN);
    }

    /** Median, min, max over the repetitions, ignoring NaN; all NaN when no repetition has a value. */
    private double[] stats(String tool, Figure f) {
        double[] v = new double[reps];
        int n = 0;
        for (int i = 0; i < reps; i++) {
            double x = f.value.applyAsDouble(new Rep(tool, i));
            if (!Double.isNaN(x)) {
                v[n++] = x;
            }
        }
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, 0};
        }
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new double[] {median, s[0], s[n - 1], n};
    }

    private double median(String tool, String key) {
        for (Figure f : figures()) {
            if (f.key.equals(key)) {
                return raw.containsKey(tool) ? stats(tool, f)[0] : Double.NaN;
            }
        }
        throw new IllegalArgumentException(key);
    }

    // ---- bars ---------------------------------------------------------------------------------------------------

    /** One bar from the issue: Stowage's figure against a reference figure. */
    private record Bar(String title, String figure, String stowage, double stowageValue, String reference,
                       double referenceValue, double ratio, String spread, String need, String result) {
    }

    /** A bar's definition; {@code refTools} empty means the Stowage tool it is judged on (its own other figure). */
    private record BarSpec(String title, String key, String refKey, List<String> refTools, String unit,
                           boolean higherIsBetter, double need) {
    }

    private List<BarSpec> barSpecs() {
        List<BarSpec> bars = new ArrayList<>();
        bars.add(new BarSpec("full backup >= 2x borg (faster of zstd,3 / auto,zstd,3)", "full_mib_s", "full_mib_s",
                BORG, "MiB/s", true, 2.0));
        bars.add(new BarSpec("full backup >= restic compression off", "full_mib_s", "full_mib_s",
                List.of("restic-off"), "MiB/s", true, 1.0));
        bars.add(new BarSpec("restore >= 1.5x restic (faster of off/auto)", "restore_mib_s", "restore_mib_s", RESTIC,
                "MiB/s", true, 1.5));
        bars.add(new BarSpec("repository <= restic compression auto", "repo_full_mib", "repo_full_mib",
                List.of("restic-auto"), "MiB", false, 1.0));
        bars.add(new BarSpec("no-change re-backup faster than restic (faster of off/auto)", "nochange_s", "nochange_s",
                RESTIC, "s", false, 1.0));
        if (!Double.isNaN(median(subject(), "nochange_excl_s"))) { // bench/run.sh --excludes20
            bars.add(new BarSpec("no-change re-backup with 20 excludes <= 1.1x without", "nochange_excl_s",
                    "nochange_s", List.of(), "s", false, 1 / EXCLUDES_BAR));
        }
        return bars;
    }

    /** The bars, judged on {@link #subject()}. */
    private List<Bar> bars() {
        return bars(subject());
    }

    private List<Bar> bars(String subject) {
        return barSpecs().stream().map(b -> bar(subject, b.title, b.key, b.refKey,
                b.refTools.isEmpty() ? List.of(subject) : b.refTools, b.unit, b.higherIsBetter, b.need)).toList();
    }

    /**
     * The same bars for the cold CLI when the in-service column is the subject and the cold CLI ran too (issue 19:
     * the cold CLI is reported beside the service in every run); null otherwise. Shown, not judged.
     */
    private List<Bar> coldBars() {
        return subject().equals("stowage-svc") && raw.containsKey("stowage") ? bars("stowage") : null;
    }

    /**
     * A bar, judged per repetition against the same repetition's reference (for several reference tools, the best
     * of them in that repetition: the stricter one). A bar's ratio is always "how many times better Stowage is"
     * (Stowage/reference for throughput, reference/Stowage for time and size), so that every bar reads
     * "ratio >= need"; a size or time bar with need 1.0 means "not larger / not slower", and the strict "faster
     * than" bar requires ratio > 1. It passes only if every repetition passes: a repetition whose Stowage phase
     * failed (or restored a wrong tree) fails it, and repetitions that disagree are noise, which fails it too.
     */
    private Bar bar(String subject, String title, String key, String refKey, List<String> refTools, String unit,
                    boolean higherIsBetter, double need) {
        List<String> ran = refTools.stream().filter(raw::containsKey).toList();
        String refName = String.join(" / ", refTools.stream().map(t -> TOOL_TITLES.getOrDefault(t, t)).toList());
        double s = median(subject, key);
        double ref = Double.NaN;
        for (String t : ran) {
            ref = better(ref, median(t, refKey), higherIsBetter);
        }
        String stowage = fmt(s, "%.2f") + " " + unit;
        String reference = refName + " " + fmt(ref, "%.2f") + " " + unit;
        if (!raw.containsKey(subject) || ran.isEmpty()) {
            return new Bar(title, key, stowage, s, reference, ref, Double.NaN, "", needText(key, need),
                    !raw.containsKey(subject) ? "n/a (Stowage not run)" : "n/a (" + refName + " not run)");
        }
        boolean strict = key.equals("nochange_s");
        List<Double> ratios = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int passed = 0;
        for (int i = 0; i < reps; i++) {
            double mine = value(subject, key, i);
            double theirs = Double.NaN;
            for (String t : ran) {
                theirs = better(theirs, value(t, refKey, i), higherIsBetter);
            }
            if (Double.isNaN(mine)) {
                failed.add("repetition " + (i + 1) + " of Stowage failed");
            } else if (!Double.isNaN(theirs)) {
                double ratio = higherIsBetter ? mine / theirs : theirs / mine;
                ratios.add(ratio);
                passed += (strict ? ratio > need : ratio >= need - 1e-9) ? 1 : 0;
            }
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length == 0 ? Double.NaN : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        String spread = String.join(" / ", ratios.stream().map(r -> fmt(r, "%.2f")).toList());
        String result;
        if (!failed.isEmpty()) {
            result = "FAIL (" + String.join(", ", failed) + ")";
        } else if (ratios.isEmpty()) {
            result = "n/a (" + refName + " failed)";
        } else if (passed == ratios.size()) {
            result = "PASS";
        } else if (passed == 0) {
            result = "FAIL";
        } else {
            result = "FAIL (within noise: " + passed + " of " + ratios.size() + " repetitions pass)";
        }
        return new Bar(title, key, stowage, s, reference, ref, median, spread, needText(key, need), result);
    }

    /** The better of two figures, a NaN counting as none. */
    private static double better(double a, double b, boolean higherIsBetter) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) || (higherIsBetter ? a >= b : a <= b) ? a : b;
    }

    /** The figure {@code key} of {@code tool} in repetition {@code index} (NaN if it failed or did not run). */
    private double value(String tool, String key, int index) {
        for (Figure f : figures()) {
            if (f.key.equals(key)) {
                return raw.containsKey(tool) ? f.value.applyAsDouble(new Rep(tool, index)) : Double.NaN;
            }
        }
        throw new IllegalArgumentException(key);
    }

    /**
     * The Stowage figures the bars are judged on: in service (one JVM with the repository open, as the product runs
     * in Karaf) when it ran, else the cold CLI.
     */
    private String subject() {
        return raw.containsKey("stowage-svc") ? "stowage-svc" : "stowage";
    }

    private static String needText(String key, double need) {
        if (key.equals("nochange_excl_s")) { // ratio = time without / time with
            return String.format(Locale.ROOT, ">= %.2fx (<= %.1fx the time)", need, 1 / need);
        }
        return key.equals("nochange_s") ? String.format(Locale.ROOT, "> %.2fx", need)
                : String.format(Locale.ROOT, ">= %.2fx", need);
    }

    // ---- output -------------------------------------------------------------------------------------------------

    String text() {
        StringBuilder out = new StringBuilder();
        out.append("Stowage benchmark  ").append(meta.getOrDefault("date", "")).append('\n');
        out.append(String.format(Locale.ROOT, "data:     %s set, %s bytes (%.1f MiB) in %s files from %s%n",
                meta.getOrDefault("data_set", "real"), meta.get("data_bytes"),
                Double.parseDouble(meta.getOrDefault("data_bytes", "0")) / MIB, meta.get("data_files"),
                meta.getOrDefault("data_sources", "?")));
        out.append(String.format(Locale.ROOT, "1 %% change: seed %s, %s bytes rewritten in %s files + %s bytes "
                        + "appended to %s files = %s %% of the bytes%n",
                meta.get("mutate_seed"), meta.get("mutate_bytes_rewritten"), meta.get("mutate_files_rewritten"),
                meta.get("mutate_bytes_appended"), meta.get("mutate_files_appended"),
                meta.get("mutate_percent_of_bytes")));
        out.append("machine:  ").append(meta.getOrDefault("cpus", "?")).append(" CPUs (")
                .append(meta.getOrDefault("cpu_model", "?")).append("), ").append(meta.getOrDefault("memory", "?"))
                .append(" RAM, ").append(meta.getOrDefault("kernel", "?")).append(", repositories on ")
                .append(meta.getOrDefault("filesystem", "?")).append('\n');
        out.append("restores: onto ").append(meta.getOrDefault("restore_fs", "the work directory's file system"))
                .append("; the second row onto the work directory's file system (")
                .append(meta.getOrDefault("filesystem", "?"))
                .append("), each right after a tree of the data's shape was deleted there (the previous tool's"
                        + " restored tree, or a copy of the data before the first tool)\n");
        if (meta.containsKey("page_reporting")) {
            out.append("free page reporting to the host: ").append(meta.get("page_reporting")).append('\n');
        }
        if (meta.containsKey("svc_warmup")) {
            out.append("service warm-up: ").append(meta.get("svc_warmup")).append('\n');
        }
        if (meta.containsKey("svc_mmap")) {
            out.append("service mmap threshold: ").append(meta.get("svc_mmap")).append('\n');
        }
        out.append("versions: ").append(meta.getOrDefault("versions", "?")).append('\n');
        out.append("method:   ").append(meta.getOrDefault("method", "")).append('\n');
        if ("1".equals(meta.get("jfr"))) {
            out.append("profiling: every Stowage command ran with Java Flight Recorder (a few % slower)\n");
        }
        List<String> contended = contended();
        out.append("contention: ").append(contended.isEmpty()
                ? "none (other processes took under 5 % of the CPU during every command)"
                : "WARNING, other processes took over 5 % of the CPU during: " + String.join(", ", contended))
                .append('\n');
        out.append("repetitions: ").append(reps).append(reps > 1 ? " (median shown; min..max in the JSON)" : "")
                .append('\n').append('\n');

        List<String> header = new ArrayList<>(List.of("figure", "unit"));
        tools.forEach(t -> header.add(TOOL_TITLES.getOrDefault(t, t)));
        List<List<String>> rows = new ArrayList<>();
        for (Figure f : figures()) {
            List<String> row = new ArrayList<>(List.of(f.title, f.unit));
            for (String t : tools) {
                row.add(cell(t, f));
            }
            rows.add(row);
        }
        List<String> verified = new ArrayList<>(List.of("restore identical to the data", ""));
        for (String t : tools) {
            verified.add(restoredIdentical(t, "restore") && restoredIdentical(t, "restore_workfs") ? "yes" : "NO");
        }
        rows.add(verified);
        out.append(table(header, rows)).append('\n');

        List<List<String>> barRows = new ArrayList<>();
        List<Bar> bars = bars();
        List<Bar> cold = coldBars();
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            List<String> row = new ArrayList<>(List.of(b.title, b.stowage, b.reference, ratioText(b), b.need,
                    b.result));
            if (cold != null) {
                row.add(ratioText(cold.get(i)));
            }
            barRows.add(row);
        }
        out.append("Bars (ratio = how many times better Stowage is than the reference), judged on ")
                .append(TOOL_TITLES.get(subject())).append(subject().equals("stowage-svc")
                        ? " (warm-up: " + warmup() + "): the product runs as a long-lived Karaf service with the"
                        + " repository open, so a command costs only the operation, and its start-up is reported"
                        + " below; the cold CLI adds JVM"
                        + " start and key derivation (scrypt) to every command, as restic and borg do"
                        + (cold != null ? ", and its ratios are in the last column (not judged)" : " (not run)")
                        + "\n"
                        : " (no in-service run)\n");
        List<String> barHeader = new ArrayList<>(List.of("bar", "Stowage", "reference", "ratio (per repetition)",
                "need", "result"));
        if (cold != null) {
            barHeader.add("cold CLI ratio");
        }
        out.append(table(barHeader, barRows)).append('\n');
        startup(out);

        out.append("Per phase (median wall s / CPU s user+sys / peak RSS MiB / exit code of the last repetition"
                + " / CPU s other processes took meanwhile)\n");
        List<String> phaseHeader = new ArrayList<>(List.of("phase"));
        tools.forEach(t -> phaseHeader.add(TOOL_TITLES.getOrDefault(t, t)));
        List<List<String>> phaseRows = new ArrayList<>();
        for (String p : PHASES) {
            List<String> row = new ArrayList<>(List.of(p));
            for (String t : tools) {
                double wall = perPhase(t, r -> r.get(p + ".wall_s"));
                double cpu = perPhase(t, r -> r.get(p + ".user_s") + r.get(p + ".sys_s"));
                double rss = perPhase(t, r -> r.get(p + ".rss_kb") / 1024.0);
                double other = perPhase(t, r -> r.get(p + ".other_cpu_s"));
                double rc = new Rep(t, reps - 1).get(p + ".rc");
                row.add(fmt(wall, "%.2f") + " / " + fmt(cpu, "%.1f") + " / " + fmt(rss, "%.0f") + " / "
                        + fmt(rc, "%.0f") + " / " + fmt(other, "%.1f"));
            }
            phaseRows.add(row);
        }
        out.append(table(phaseHeader, phaseRows));
        return out.toString();
    }

    private String ratioText(Bar b) {
        return fmt(b.ratio, "%.2fx") + (reps > 1 && !b.spread.isEmpty() ? " (" + b.spread + ")" : "");
    }

    /** The in-service JVM's warm-up mode, as run.sh recorded it (its first word). */
    private String warmup() {
        return meta.getOrDefault("svc_warmup", "?").split(" ")[0];
    }

    /**
     * The in-service JVM's start-up, per repetition (issue 19: the service's warm-up runs outside every phase's
     * timing, so what it costs is reported here): time from launch to ready, the JVM's CPU and bytes written by then.
     */
    private void startup(StringBuilder out) {
        if (!raw.containsKey("stowage-svc") || !raw.get("stowage-svc").containsKey("startup.wall_s")) {
            return;
        }
        out.append("Service start-up (Stowage in-service; paid at every start of the service, in no phase and no"
                + " bar): from launching the JVM until it has created the repository (Karaf: opened it) and its"
                + " warm-up (").append(warmup())
                .append(") has finished; CPU time of the whole JVM until then (JVM start, JIT, key derivation, the"
                        + " warm-up) and the bytes it wrote (/proc/PID/io write_bytes, scratch files included)\n");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            Rep r = new Rep("stowage-svc", i);
            rows.add(List.of(String.valueOf(i + 1), fmt(r.ok("startup", r.get("startup.wall_s")), "%.2f"),
                    fmt(r.get("startup.user_s") + r.get("startup.sys_s"), "%.1f"),
                    fmt(r.get("startup.written_bytes") / MIB, "%.1f"), fmt(r.get("startup.rss_kb") / 1024, "%.0f"),
                    fmt(r.get("init.wall_s"), "%.2f")));
        }
        out.append(table(List.of("repetition", "time to ready s", "CPU until ready s", "written until ready MiB",
                "peak RSS MiB", "of which init s"), rows)).append('\n');
    }

    private boolean restoredIdentical(String tool, String phase) {
        double[] v = raw.get(tool).getOrDefault(phase + ".verified", new double[0]);
        return v.length > 0 && Arrays.stream(v).allMatch(x -> x == 1);
    }

    private double perPhase(String tool, ToDoubleFunction<Rep> value) {
        return stats(tool, new Figure("", "", "", "", value))[0];
    }

    /**
     * Commands during which other processes took more than 5 % of the machine's CPU: their figures are not clean.
     */
    private List<String> contended() {
        double cpus = Double.parseDouble(meta.getOrDefault("cpus", "1"));
        List<String> found = new ArrayList<>();
        for (String t : tools) {
            for (String p : PHASES) {
                for (int i = 0; i < reps; i++) {
                    Rep r = new Rep(t, i);
                    double share = r.get(p + ".other_cpu_s") / (r.get(p + ".wall_s") * cpus);
                    if (Double.isNaN(share) && !Double.isNaN(r.get(p + ".wall_s"))) {
                        found.add(t + " " + p + " (not measured)");
                    } else if (share > 0.05) {
                        found.add(String.format(Locale.ROOT, "%s %s (rep %d: %.0f %%)", t, p, i + 1, share * 100));
                    }
                }
            }
        }
        return found;
    }

    private String cell(String tool, Figure f) {
        double[] s = stats(tool, f);
        if (Double.isNaN(s[0])) {
            return "-";
        }
        String median = fmt(s[0], f.format);
        return reps > 1 && s[3] < reps ? median + " (" + (int) s[3] + "/" + reps + ")" : median;
    }

    private static String table(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < all.size(); r++) {
            List<String> row = all.get(r);
            out.append('|');
            for (int i = 0; i < row.size(); i++) {
                String c = row.get(i);
                boolean left = i == 0 || r == 0;
                out.append(' ').append(left ? pad(c, width[i], true) : pad(c, width[i], false)).append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append('|');
                for (int w : width) {
                    out.append("-".repeat(w + 2)).append('|');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String pad(String s, int width, boolean left) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return left ? s + fill : fill + s;
    }

    private static String fmt(double v, String format) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    private String json() {
        StringBuilder out = new StringBuilder("{\n  \"meta\": {");
        String sep = "\n";
        for (Map.Entry<String, String> e : meta.entrySet()) {
            out.append(sep).append("    ").append(str(e.getKey())).append(": ").append(str(e.getValue()));
            sep = ",\n";
        }
        out.append("\n  },\n  \"figures\": {");
        sep = "\n";
        for (String t : tools) {
            out.append(sep).append("    ").append(str(t)).append(": {");
            String inner = "\n";
            for (Figure f : figures()) {
                double[] s = stats(t, f);
                out.append(inner).append("      ").append(str(f.key)).append(": {\"unit\": ").append(str(f.unit))
                        .append(", \"median\": ").append(num(s[0])).append(", \"min\": ").append(num(s[1]))
                        .append(", \"max\": ").append(num(s[2])).append(", \"n\": ").append((int) s[3]).append('}');
                inner = ",\n";
            }
            out.append("\n    }");
            sep = ",\n";
        }
        out.append("\n  },\n  \"bars\": [");
        sep = "\n";
        List<Bar> bars = bars();
        List<Bar> cold = coldBars();
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            out.append(sep).append("    {\"bar\": ").append(str(b.title)).append(", \"figure\": ").append(str(b.figure))
                    .append(", \"subject\": ").append(str(subject()))
                    .append(", \"stowage\": ").append(num(b.stowageValue)).append(", \"reference\": ")
                    .append(str(b.reference)).append(", \"reference_value\": ").append(num(b.referenceValue))
                    .append(", \"ratio\": ").append(num(b.ratio)).append(", \"ratios\": ").append(str(b.spread))
                    .append(", \"need\": ").append(str(b.need))
                    .append(", \"result\": ").append(str(b.result));
            if (cold != null) { // the cold CLI against the same reference, shown and not judged
                Bar c = cold.get(i);
                out.append(", \"cold_cli\": ").append(num(c.stowageValue)).append(", \"cold_cli_ratio\": ")
                        .append(num(c.ratio)).append(", \"cold_cli_ratios\": ").append(str(c.spread));
            }
            out.append('}');
            sep = ",\n";
        }
        out.append("\n  ],\n  \"raw\": {");
        sep = "\n";
        for (String t : tools) {
            out.append(sep).append("    ").append(str(t)).append(": {");
            String inner = "\n";
            for (Map.Entry<String, double[]> m : raw.get(t).entrySet()) {
                out.append(inner).append("      ").append(str(m.getKey())).append(": [");
                double[] v = m.getValue();
                for (int i = 0; i < v.length; i++) {
                    out.append(i == 0 ? "" : ", ").append(num(v[i]));
                }
                out.append(']');
                inner = ",\n";
            }
            out.append("\n    }");
            sep = ",\n";
        }
        return out.append("\n  }\n}\n").toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String str(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static List<String[]> readTsv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
