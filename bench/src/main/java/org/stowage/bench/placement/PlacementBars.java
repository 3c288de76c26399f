package org.stowage.bench.placement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import org.stowage.api.device.Device;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.warmup.Warmup;

/**
 * The placement bars: pack placement over several paced devices, direct (the engine's {@code DirectPlacement}) and
 * through the Camel placement routes, measured as the product places packs (the engine's packer, its uploaders,
 * the placement, the node selector, the devices behind the test kit's pace).
 *
 * <ol>
 *   <li>{@code striped}: three devices paced at 400, 200 and 50 MiB/s, selector {@code striped}; bar: at least 90 %
 *       of the sum of their speeds (650 MiB/s). Ready blobs, because a whole backup on two cores is capped by the
 *       engine's reading, chunking and hashing far below that; a whole backup is shown beside it.</li>
 *   <li>{@code fastest}: three S3 endpoints (S3Proxy in this JVM, the product's S3 driver) paced at, by default, 100,
 *       50 and 20 MiB/s; when half of the bytes are placed the speeds turn round (the fastest becomes the slowest).
 *       Selector {@code fastest} against the {@code oracle}, which always names the device fastest at that moment;
 *       bar: total time at most 1.15 times the oracle's.</li>
 *   <li>{@code copies}: {@code copies} = 2 over two devices against one copy on the first (a repository of that
 *       device alone); bar: at least 85 % of the one-copy throughput. Two device pairs: devices paced at the same
 *       speed (100 MiB/s by default, below what a whole backup stores per second, so that the placement sets the
 *       pace), and the product's disk driver in two folders of the work directory (one file system).</li>
 * </ol>
 *
 * Each variant runs once untimed (JIT warm-up), then {@code reps} times, variants interleaved; before every timed run
 * it waits for a quiet machine ({@link Machine}, at most {@code --run-wait} seconds, default 300: the script waits
 * up to 30 minutes before the JVM starts) and prints the load and the CPU other processes used meanwhile.
 *
 * <pre>PlacementBars striped|fastest|copies [--reps 3] [--placement direct,routes] [--workload packs,backup]
 *   [--mib N] [--data DIR] [--work DIR] [--speeds a,b,c] [--run-wait SECONDS]</pre>
 */
public final class PlacementBars {

    private static final long MIB = 1 << 20;

    private final Options options;
    private final Map<String, List<Run>> runs = new LinkedHashMap<>();

    private PlacementBars(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        PlacementBars bars = new PlacementBars(options);
        Warmup.atRepositoryOpen();
        System.out.printf(Locale.ROOT, "bar %s, %d repetitions, placement %s, workload %s; CPUs %d, max heap %d MiB%n",
                options.bar, options.reps, options.placements, options.workloads,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / MIB);
        switch (options.bar) {
            case "striped" -> bars.striped();
            case "fastest" -> bars.fastest();
            case "copies" -> bars.copies();
            default -> throw new IllegalArgumentException("unknown bar " + options.bar
                    + "; use striped, fastest or copies");
        }
    }

    // ---------------------------------------------------------------------------------------------- bar 1: striped

    private void striped() throws Exception {
        long[] speeds = options.speeds(400, 200, 50);
        double sum = Arrays.stream(speeds).sum();
        List<Variant> variants = new ArrayList<>();
        for (String placement : options.placements) {
            for (String workload : options.workloads) {
                boolean routes = placement.equals("routes");
                Workload work = workload(workload, 4096);
                variants.add(new Variant(placement + " " + workload + " striped", work, onPack ->
                        new Rig(sinks("d" + speeds[0], "d" + speeds[1], "d" + speeds[2]), mibs(speeds), "striped", 1,
                                routes, () -> "", onPack)));
            }
        }
        // the engine's own ceiling on these workloads: the same devices unpaced
        for (String workload : options.workloads) {
            variants.add(new Variant("direct " + workload + " unpaced", workload(workload, 4096), onPack ->
                    new Rig(sinks("u1", "u2", "u3"), List.of(0L, 0L, 0L), "striped", 1, false, () -> "", onPack)));
        }
        measureAll(variants);
        System.out.printf(Locale.ROOT, "%nbar 1, striped over %s MiB/s (sum %.0f): MiB/s of data stored; goal >= 90 %% "
                + "of the sum = %.1f MiB/s%n", Arrays.toString(speeds), sum, 0.9 * sum);
        for (Map.Entry<String, List<Run>> variant : runs.entrySet()) {
            List<Double> rates = variant.getValue().stream().map(Run::perSecond).toList();
            boolean judged = variant.getKey().endsWith("striped");
            System.out.printf(Locale.ROOT, "  %-26s %s MiB/s  = %.1f %% of the sum%s%n", variant.getKey(),
                    Stats.summary(rates), 100 * Stats.median(rates) / sum, !judged ? "  (ceiling, not a bar)"
                            : Stats.median(rates) >= 0.9 * sum ? "  PASS" : "  FAIL");
        }
    }

    // ---------------------------------------------------------------------------------------------- bar 2: fastest

    private void fastest() throws Exception {
        long[] before = options.speeds(100, 50, 20);
        long[] after = new long[before.length];
        for (int i = 0; i < before.length; i++) {
            after[i] = before[before.length - 1 - i];
        }
        String[] ids = {"s3-a", "s3-b", "s3-c"};
        int mib = options.mib > 0 ? options.mib : 4096;
        try (S3Endpoints endpoints = new S3Endpoints(ids.length)) {
            System.out.println(endpoints.where() + "; paced at " + Arrays.toString(before) + " MiB/s, after half of "
                    + mib + " MiB " + Arrays.toString(after) + " MiB/s");
            AtomicLong runNumber = new AtomicLong();
            List<Variant> variants = new ArrayList<>();
            for (String placement : options.placements) {
                for (String selector : List.of("fastest", BenchSelectors.ORACLE)) {
                    boolean routes = placement.equals("routes");
                    variants.add(new Variant(placement + " " + selector, Workload.readyBlobs(mib), onPack -> {
                        endpoints.clean();
                        String prefix = "run-" + runNumber.incrementAndGet();
                        List<Device> devices = new ArrayList<>();
                        for (int i = 0; i < ids.length; i++) {
                            devices.add(endpoints.device(i, ids[i], prefix));
                        }
                        HalfWay halfWay = new HalfWay(mib * MIB / 2, ids, before, after);
                        Rig rig = new Rig(devices, mibs(before), selector, 1, routes, halfWay::fastestNow,
                                bytes -> {
                                    halfWay.placed(bytes);
                                    onPack.accept(bytes);
                                });
                        halfWay.rig = rig;
                        return rig;
                    }));
                }
            }
            measureAll(variants);
            endpoints.clean();
        }
        System.out.printf(Locale.ROOT, "%nbar 2, fastest over 3 S3 endpoints whose speeds turn round half-way: seconds "
                + "for %d MiB; goal: fastest <= 1.15 x oracle%n", mib);
        for (String placement : options.placements) {
            List<Double> fast = seconds(placement + " fastest");
            List<Double> oracle = seconds(placement + " " + BenchSelectors.ORACLE);
            System.out.printf(Locale.ROOT, "  %-7s fastest %s s, oracle %s s: %.3f x (paired %s)  %s%n", placement,
                    Stats.summary(fast), Stats.summary(oracle), Stats.median(fast) / Stats.median(oracle),
                    paired(fast, oracle), Stats.median(fast) <= 1.15 * Stats.median(oracle) ? "PASS" : "FAIL");
        }
    }

    /** Turns the speeds round once half of the bytes are placed; knows the fastest device for the oracle. */
    private static final class HalfWay {
        private final long half;
        private final String[] ids;
        private final long[] before;
        private final long[] after;
        private final AtomicLong placed = new AtomicLong();
        private volatile boolean turned;
        volatile Rig rig;

        HalfWay(long half, String[] ids, long[] before, long[] after) {
            this.half = half;
            this.ids = ids;
            this.before = before;
            this.after = after;
        }

        void placed(long bytes) {
            if (placed.addAndGet(bytes) >= half && !turned) {
                synchronized (this) {
                    if (!turned) {
                        for (int i = 0; i < ids.length; i++) {
                            rig.pace(ids[i], after[i] * MIB);
                        }
                        turned = true;
                    }
                }
            }
        }

        String fastestNow() {
            long[] speeds = turned ? after : before;
            int best = 0;
            for (int i = 1; i < speeds.length; i++) {
                best = speeds[i] > speeds[best] ? i : best;
            }
            return ids[best];
        }
    }

    // ----------------------------------------------------------------------------------------------- bar 3: copies

    private void copies() throws Exception {
        long speed = options.speeds(100)[0];
        Path disks = options.work.resolve("disks");
        List<Variant> variants = new ArrayList<>();
        for (String placement : options.placements) {
            boolean routes = placement.equals("routes");
            for (String workload : options.workloads) {
                Workload work = workload(workload, 2048);
                String prefix = placement + " " + workload + " paced";
                variants.add(new Variant(prefix + " one copy", work, onPack ->
                        new Rig(sinks("disk1"), mibs(speed), "copies", 1, routes, () -> "", onPack)));
                variants.add(new Variant(prefix + " two copies", work, onPack ->
                        new Rig(sinks("disk1", "disk2"), mibs(speed, speed), "copies", 2, routes, () -> "", onPack)));
            }
            if (options.workloads.contains("backup")) {
                // the product's disk driver (O_DIRECT packs, fsync) in two folders of the work directory's disk
                Workload work = Workload.backup(options.data);
                String prefix = placement + " backup disks";
                variants.add(new Variant(prefix + " one copy", work, onPack ->
                        new Rig(DiskFolders.fresh(disks, "disk1"), List.of(0L), "copies", 1, routes, () -> "",
                                onPack)));
                variants.add(new Variant(prefix + " two copies", work, onPack ->
                        new Rig(DiskFolders.fresh(disks, "disk1", "disk2"), List.of(0L, 0L), "copies", 2, routes,
                                () -> "", onPack)));
            }
        }
        measureAll(variants);
        DiskFolders.delete(disks);
        System.out.printf(Locale.ROOT, "%nbar 3, copies = 2 on two devices against one copy on one of them: MiB/s of "
                + "data; paced: devices paced at %d MiB/s each; disks: the disk driver in two folders of the work "
                + "directory's file system; goal: two copies >= 85 %% of one%n", speed);
        for (String variant : runs.keySet()) {
            if (!variant.endsWith(" one copy")) {
                continue;
            }
            String prefix = variant.substring(0, variant.length() - " one copy".length());
            List<Double> one = rates(prefix + " one copy");
            List<Double> two = rates(prefix + " two copies");
            System.out.printf(Locale.ROOT, "  %-21s one copy %s, two copies %s MiB/s: %.1f %% (paired %s)  %s%n",
                    prefix, Stats.summary(one), Stats.summary(two), 100 * Stats.median(two) / Stats.median(one),
                    paired(two, one), Stats.median(two) >= 0.85 * Stats.median(one) ? "PASS" : "FAIL");
        }
    }

    // ------------------------------------------------------------------------------------------------- measuring

    /** One configuration: how to build its storage for a run, and what it stores. */
    private record Variant(String name, Workload workload, RigFactory rig) {
    }

    @FunctionalInterface
    private interface RigFactory {
        Rig build(LongConsumer onPack) throws Exception;
    }

    /** One timed run. */
    private record Run(double mib, double seconds, double cpuSeconds, double othersCpuSeconds, double load) {
        double perSecond() {
            return mib / seconds;
        }
    }

    private void measureAll(List<Variant> variants) throws Exception {
        for (Variant variant : variants) {
            System.out.println("warm-up (untimed): " + variant.name());
            measure(variant, 0, false);
        }
        for (int rep = 1; rep <= options.reps; rep++) {
            List<Variant> order = new ArrayList<>(variants);
            if (rep % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (Variant variant : order) {
                runs.computeIfAbsent(variant.name(), k -> new ArrayList<>()).add(measure(variant, rep, true));
            }
        }
    }

    private Run measure(Variant variant, int rep, boolean timed) throws Exception {
        Workload workload = timed ? variant.workload() : Workload.readyBlobs(256);
        if (!timed && variant.workload().describe().startsWith("whole backup")) {
            workload = variant.workload();
        }
        double load = timed ? Machine.waitQuiet(options.runWait) : Machine.load();
        try (Rig rig = variant.rig().build(bytes -> { })) {
            rig.probe();
            try (Repository repository = rig.init()) {
                Machine.sync();
                double machine = Machine.machineCpuSeconds();
                double own = Machine.ownCpuSeconds();
                long start = System.nanoTime();
                double mib = workload.run(repository);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = Machine.ownCpuSeconds() - own;
                double others = Math.max(0, Machine.machineCpuSeconds() - machine - cpu);
                Run run = new Run(mib, seconds, cpu, others, load);
                if (timed) {
                    System.out.printf(Locale.ROOT, "rep %d %-26s %7.1f MiB in %6.2f s = %6.1f MiB/s, %5.2f CPU-s; "
                            + "load %.2f, other processes %.2f CPU-s; packs: %s%n", rep, variant.name(), mib, seconds,
                            run.perSecond(), cpu, load, others, shares(rig.packBytes()));
                }
                return run;
            }
        }
    }

    private Workload workload(String kind, int defaultMib) {
        return switch (kind) {
            case "packs" -> Workload.readyBlobs(options.mib > 0 ? options.mib : defaultMib);
            case "backup" -> Workload.backup(options.data);
            default -> throw new IllegalArgumentException("unknown workload " + kind + "; use packs or backup");
        };
    }

    private static List<Device> sinks(String... ids) {
        return Arrays.stream(ids).map(id -> (Device) new SinkDevice(id)).toList();
    }

    private static List<Long> mibs(long... mibPerSecond) {
        return Arrays.stream(mibPerSecond).map(m -> m * MIB).boxed().toList();
    }

    private static String shares(Map<String, Long> bytes) {
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        return bytes.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.0f MiB (%.0f %%)", e.getKey(),
                e.getValue() / (double) MIB, total == 0 ? 0 : 100.0 * e.getValue() / total))
                .collect(Collectors.joining(", "));
    }

    private List<Double> rates(String variant) {
        return runs.getOrDefault(variant, List.of()).stream().map(Run::perSecond).toList();
    }

    private List<Double> seconds(String variant) {
        return runs.getOrDefault(variant, List.of()).stream().map(Run::seconds).toList();
    }

    private static String paired(List<Double> a, List<Double> b) {
        List<String> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ratios.add(String.format(Locale.ROOT, "%.2f", a.get(i) / b.get(i)));
        }
        return String.join(", ", ratios);
    }

    /** The command line. */
    private record Options(String bar, int reps, List<String> placements, List<String> workloads, int mib, Path data,
                           String speeds, int runWait, Path work) {

        static Options parse(String[] args) {
            if (args.length < 1) {
                System.err.println("usage: PlacementBars striped|fastest|copies [--reps 3] [--placement direct,routes]"
                        + " [--workload packs,backup] [--mib N] [--data DIR] [--work DIR] [--speeds a,b,c] [--run-wait S]");
                System.exit(2);
            }
            Map<String, String> named = new LinkedHashMap<>();
            for (int i = 1; i + 1 < args.length; i += 2) {
                named.put(args[i], args[i + 1]);
            }
            String data = named.getOrDefault("--data", "");
            return new Options(args[0], Integer.parseInt(named.getOrDefault("--reps", "3")),
                    List.of(named.getOrDefault("--placement", "direct,routes").split(",")),
                    List.of(named.getOrDefault("--workload", "packs").split(",")),
                    Integer.parseInt(named.getOrDefault("--mib", "0")), data.isEmpty() ? null : Path.of(data),
                    named.getOrDefault("--speeds", ""), Integer.parseInt(named.getOrDefault("--run-wait", "300")),
                    Path.of(named.getOrDefault("--work", "bench/work/placement")));
        }

        /** The paces in MiB/s: {@code --speeds}, or the bar's defaults. */
        long[] speeds(long... defaults) {
            return speeds.isEmpty() ? defaults : Arrays.stream(speeds.split(",")).mapToLong(Long::parseLong).toArray();
        }
    }
}
