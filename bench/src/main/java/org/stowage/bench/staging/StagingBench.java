package org.stowage.bench.staging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.staging.StagingReport;
import org.stowage.bench.placement.Machine;
import org.stowage.engine.internal.facade.EngineBackupService;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.warmup.Warmup;

/**
 * The staging benchmark of issue 14: one full backup of the data set onto disk, flash and a virtual tape, every pack
 * on all three ({@code copies} = 3), the tape slow and BUSY for the first half of the run, with staging (the subject),
 * against the same backup with staging disabled (writers wait for the tape) and with all devices fast and idle.
 * {@link StagingRig} says how the installation is wired, {@link BusyTape} how "busy" is modelled, {@link Verdicts}
 * what is judged.
 *
 * <p>Each repetition runs the all-fast backup first: half of its time (the {@code --busy-share}) is how long the tape
 * stays BUSY in that repetition's two busy-tape runs, so that the tape is busy for about the first half of a backup
 * that staging keeps at the all-fast pace. The other variants follow in an order that alternates between repetitions.
 * Every variant runs once untimed first (JIT warm-up). Before every timed run the bench waits for a quiet machine
 * ({@link Machine}, at most {@code --run-wait} s) and reads the data once (page cache), then prints the load and the
 * CPU other processes used during the backup beside the figures.
 *
 * <pre>StagingBench --data DIR [--work DIR] [--reps 3] [--tape-rate 50] [--busy-share 0.5] [--run-wait 300]
 *   [--drain-timeout 600] [--variants staged,unstaged,fast_bare]</pre>
 * The all-fast variant always runs (it sets the busy period); {@code --variants} picks the others (for profiling).
 */
public final class StagingBench {

    static final double MIB = 1 << 20;

    private final Options options;
    private final Map<Variant, List<Run>> runs = new EnumMap<>(Variant.class);

    private StagingBench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Warmup.atRepositoryOpen();
        System.out.printf(Locale.ROOT, "staging bench: %d repetitions; tape %d MiB/s, BUSY for %.0f %% of the all-fast "
                        + "time from the start of each busy-tape run; copies = 3 (selector copies); staging poll %d s;"
                        + " CPUs %d, max heap %d MiB%n", options.reps, options.tapeMib, 100 * options.busyShare,
                StagingRig.POLL_SECONDS, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        StagingBench bench = new StagingBench(options);
        bench.measureAll();
        new Verdicts(bench.runs, options.tapeMib).print();
    }

    private void measureAll() throws Exception {
        System.out.println("warm-up (untimed), every variant once:");
        double fast = measure(Variant.FAST, 0, 0, false).clientSeconds();
        List<Variant> others = new ArrayList<>(List.of(Variant.STAGED, Variant.UNSTAGED, Variant.FAST_BARE));
        others.retainAll(options.variants);
        for (Variant variant : others) {
            measure(variant, 0, options.busyShare * fast, false);
        }
        for (int rep = 1; rep <= options.reps; rep++) {
            Run first = measure(Variant.FAST, rep, 0, true);
            runs.computeIfAbsent(Variant.FAST, v -> new ArrayList<>()).add(first);
            double busy = options.busyShare * first.clientSeconds();
            List<Variant> order = new ArrayList<>(others);
            if (rep % 2 == 0) {
                Collections.reverse(order);
            }
            for (Variant variant : order) {
                runs.computeIfAbsent(variant, v -> new ArrayList<>()).add(measure(variant, rep, busy, true));
            }
        }
    }

    private Run measure(Variant variant, int rep, double busySeconds, boolean timed) throws Exception {
        double load = timed ? Machine.waitQuiet(options.runWait) : Machine.load();
        readAll(options.data);
        double busy = variant.slowTape ? busySeconds : 0;
        long pace = variant.slowTape ? options.tapeMib << 20 : 0;
        try (StagingRig rig = new StagingRig(options.work, variant.staging, pace)) {
            rig.probe();
            Run run;
            try (Repository repository = rig.init()) {
                Machine.sync();
                run = backup(variant, rig, repository, load, busy);
            }
            if (timed) {
                System.out.printf(Locale.ROOT, "rep %d %-28s %s%n", rep, variant.label, describe(run));
            } else {
                System.out.printf(Locale.ROOT, "  %-28s %.2f s%n", variant.label, run.clientSeconds());
            }
            return run;
        }
    }

    private Run backup(Variant variant, StagingRig rig, Repository repository, double load, double busy)
            throws Exception {
        UsageSampler sampler = rig.store() == null ? null : new UsageSampler(rig.store());
        double machine = Machine.machineCpuSeconds();
        double own = Machine.ownCpuSeconds();
        long start = System.nanoTime();
        if (busy > 0) {
            rig.tape().busyUntil(start + (long) (busy * 1e9), "mounted for another job (staging bench)");
        }
        SnapshotInfo snapshot = new EngineBackupService(() -> repository)
                .backup(new BackupRequest(List.of(options.data), null, Set.of(), null), ProgressListener.NONE);
        double client = (System.nanoTime() - start) / 1e9;
        double cpu = Machine.ownCpuSeconds() - own;
        double others = Math.max(0, Machine.machineCpuSeconds() - machine - cpu);
        if (!snapshot.isComplete() || snapshot.stats().errors() > 0) {
            throw new IOException(variant.label + ": backup incomplete: " + snapshot.incompleteReason() + ", "
                    + snapshot.stats().errors() + " errors");
        }
        StagingReport report = rig.store() == null ? null : rig.report();
        boolean drained = rig.awaitDrained(Duration.ofSeconds(options.drainTimeout));
        if (sampler != null) {
            sampler.close();
        }
        long lastTapePut = rig.tape().lastPutEndNanos();
        double tapeDone = lastTapePut == Long.MIN_VALUE ? Double.NaN : (lastTapePut - start) / 1e9;
        StagingRig.TapeCheck check = variant.slowTape ? rig.checkTape() : null;
        return new Run(snapshot.stats().bytesProcessed() / MIB, client, cpu, others, load, busy, tapeDone, drained,
                rig.tape().waitedPuts(), rig.tape().waitedSeconds(),
                sampler == null ? 0 : sampler.peakUsed(), sampler == null ? 0 : sampler.capacityAtPeak(),
                sampler == null ? 0 : sampler.minCapacity(), sampler == null ? 0 : sampler.closestShare(),
                sampler == null ? Map.of() : sampler.devicePeaks(), report == null ? "" : why(report), check);
    }

    /** The sizer's line and each device's need with its own reason, as {@code stowage:staging} prints them. */
    private static String why(StagingReport report) {
        return report.limitWhy() + report.devices().stream().map(d -> d.deviceId() + ": " + d.needWhy())
                .collect(Collectors.joining("; ", " (", ")"));
    }

    private static String describe(Run run) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%6.1f MiB in %6.2f s, %5.2f CPU-s; load %.2f, other processes %.2f CPU-s", run.mib(),
                run.clientSeconds(), run.cpuSeconds(), run.load(), run.othersCpu()));
        if (run.busySeconds() > 0) {
            line.append(String.format(Locale.ROOT, "; tape busy %.2f s, held every pack at %.2f s (%.2f s after it "
                    + "turned idle), %d puts waited %.1f s", run.busySeconds(), run.tapeDone(), run.drainSeconds(),
                    run.waitedPuts(), run.waitedSeconds()));
        }
        if (run.capacityAtPeak() > 0) {
            line.append(String.format(Locale.ROOT, "; staging peak %.1f MiB of limit %.1f MiB%s", run.peakUsed() / MIB,
                    run.capacityAtPeak() / MIB, run.devicePeaks().isEmpty() ? "" : " " + perDevice(run)));
        }
        if (!run.drained()) {
            line.append("; NOT DRAINED within the timeout");
        }
        if (run.tape() != null) {
            line.append(String.format(Locale.ROOT, "; tape holds %d of the disk's %d packs%s", run.tape().tapePacks(),
                    run.tape().diskPacks(), run.tape().complete() ? ", every byte" : ", PROBLEMS "
                            + run.tape().problems().stream().limit(3).toList()));
        }
        return line.toString();
    }

    private static String perDevice(Run run) {
        return run.devicePeaks().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.0f MiB", e.getKey(),
                e.getValue() / MIB)).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Reads every file once (outside the timing), so that every run reads the data from the page cache. */
    private static void readAll(Path data) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try (FileChannel channel = FileChannel.open(file)) {
                    while (channel.read(buffer.clear()) > 0) {
                        // only to fill the page cache
                    }
                }
            }
        }
    }

    /** The command line. */
    record Options(Path data, Path work, int reps, long tapeMib, double busyShare, int runWait, int drainTimeout,
                   Set<Variant> variants) {

        static Options parse(String[] args) {
            Map<String, String> named = new LinkedHashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                named.put(args[i], args[i + 1]);
            }
            if (!named.containsKey("--data")) {
                System.err.println("usage: StagingBench --data DIR [--work DIR] [--reps 3] [--tape-rate MIB_PER_S] "
                        + "[--busy-share 0.5] [--run-wait SECONDS] [--drain-timeout SECONDS] "
                        + "[--variants staged,unstaged,fast_bare]");
                System.exit(2);
            }
            return new Options(Path.of(named.get("--data")).toAbsolutePath(),
                    Path.of(named.getOrDefault("--work", "bench/work/staging")).toAbsolutePath(),
                    Integer.parseInt(named.getOrDefault("--reps", "3")),
                    Long.parseLong(named.getOrDefault("--tape-rate", "50")),
                    Double.parseDouble(named.getOrDefault("--busy-share", "0.5")),
                    Integer.parseInt(named.getOrDefault("--run-wait", "300")),
                    Integer.parseInt(named.getOrDefault("--drain-timeout", "600")), variants(named.get("--variants")));
        }

        /** {@code --variants staged,unstaged,fast_bare}: which to run besides the all-fast one (default: all). */
        private static Set<Variant> variants(String list) {
            if (list == null) {
                return Set.of(Variant.values());
            }
            Set<Variant> chosen = new java.util.HashSet<>(Set.of(Variant.FAST));
            for (String name : list.split(",")) {
                chosen.add(Variant.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            }
            return chosen;
        }
    }
}
