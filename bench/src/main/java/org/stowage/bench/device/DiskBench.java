package org.stowage.bench.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.device.disk.internal.DiskDevice;

/**
 * Disk and flash driver throughput against the operating system's own tools on the same machine, same files, same
 * run: {@code count} blobs of {@code size} MiB (default 64 x 16 MiB, the pack size) are written durably through
 * {@link DiskDevice} (temp file, force, atomic rename, folder fsync) and with {@code dd conv=fsync} (one file per
 * blob; also to a temp name, renamed, folder synced: the driver's own durability), then read back through the driver
 * and with {@code cp file /dev/null}. Every measure runs twice (in order, then in reverse) and its best rate
 * counts. Each kind runs with its in-flight
 * default as the number of concurrent streams (DISK 2, FLASH 8) for both the driver and the tools (xargs -P), so
 * the ratio compares like with like. The page cache is dropped before every read phase when that is permitted
 * (root); otherwise both reads are hot and the report says so.
 *
 * <p>Usage: {@code DiskBench <work dir> [count] [size MiB] [kinds, e.g. DISK,FLASH]}.
 */
public final class DiskBench {

    private static final int PATTERNS = 8;

    private final Path work;
    private final int count;
    private final int sizeMiB;
    private final List<ByteBuffer> patterns = new ArrayList<>();

    private DiskBench(Path work, int count, int sizeMiB) {
        this.work = work;
        this.count = count;
        this.sizeMiB = sizeMiB;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: DiskBench <work dir> [count=64] [size MiB=16] [kinds=DISK,FLASH]");
            System.exit(2);
        }
        DiskBench bench = new DiskBench(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 64,
                args.length > 2 ? Integer.parseInt(args[2]) : 16);
        String kinds = args.length > 3 ? args[3] : "DISK,FLASH";
        bench.preparePatterns();
        System.out.printf("%d blobs x %d MiB = %d MiB per phase; page cache dropped before reads: %s%n",
                bench.count, bench.sizeMiB, bench.totalMiB(), dropCaches() ? "yes" : "NO (reads are hot for both)");
        System.out.printf("%-6s %-6s %-22s %8s %12s %12s %7s%n", "kind", "phase", "tool", "streams",
                "driver MiB/s", "tool MiB/s", "ratio");
        for (String kind : kinds.split(",")) {
            bench.run(DeviceKind.valueOf(kind.trim()));
        }
    }

    /** The source files dd copies, and the same bytes in direct buffers for the driver. */
    private void preparePatterns() throws IOException {
        Path src = Files.createDirectories(work.resolve("src"));
        for (int p = 0; p < PATTERNS; p++) {
            byte[] bytes = new byte[sizeMiB << 20];
            new Random(1000 + p).nextBytes(bytes);
            Files.write(src.resolve("pattern-" + p), bytes);
            patterns.add(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());
        }
    }

    private void run(DeviceKind kind) throws Exception {
        int streams = kind == DeviceKind.FLASH ? 8 : 2;
        Path root = Files.createDirectories(work.resolve(kind.name().toLowerCase()).resolve("device"));
        Path copies = Files.createDirectories(work.resolve(kind.name().toLowerCase()).resolve("dd"));
        DiskDevice device = new DiskDevice(new DeviceDescriptor("bench-" + kind.name().toLowerCase(), "disk", kind,
                AccessType.RANDOM, 0), root, streams);
        try {
            String dd = "dd if=" + work.resolve("src") + "/pattern-$((i % " + PATTERNS + ")) bs=" + sizeMiB
                    + "M conv=fsync status=none";
            Phase clearDevice = () -> parallel(streams, i -> device.delete(name(i)));
            Phase clearCopies = () -> shell(streams, "rm -f " + copies + "/blob-$i");
            double[] write = best(
                    new Measure(clearDevice, () -> parallel(streams, i -> device.put(name(i),
                            patterns.get(i % PATTERNS).duplicate()))),
                    new Measure(clearCopies, () -> shell(streams, dd + " of=" + copies + "/blob-$i")),
                    // the driver's durability: temp file, fsync, atomic rename, fsync of the folder
                    new Measure(clearCopies, () -> shell(streams, dd + " of=" + copies + "/.tmp-$i && mv "
                            + copies + "/.tmp-$i " + copies + "/blob-$i && sync " + copies)));
            print(kind, "write", "dd conv=fsync", streams, write[0], write[1]);
            print(kind, "write", "dd+mv+sync dir", streams, write[0], write[2]);
            long expected = (long) count * (sizeMiB << 20);
            AtomicLong bytes = new AtomicLong();
            double[] read = best(
                    new Measure(DiskBench::dropCaches, () -> {
                        bytes.set(0);
                        parallel(streams, i -> bytes.addAndGet(device.get(name(i), ByteRange.ALL).remaining()));
                        if (bytes.get() != expected) {
                            throw new IllegalStateException("read back " + bytes.get() + " of " + expected);
                        }
                    }),
                    // how restore and check read packs: into a buffer each thread reuses (Device.get into a buffer)
                    new Measure(DiskBench::dropCaches, () -> {
                        ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(
                                () -> ByteBuffer.allocateDirect(sizeMiB << 20));
                        parallel(streams, i -> device.get(name(i), ByteRange.of(0, sizeMiB << 20),
                                buffers.get().clear()));
                    }),
                    new Measure(DiskBench::dropCaches, () -> shell(streams, "cp " + copies + "/blob-$i /dev/null")));
            print(kind, "read", "cp (get, new buffer)", streams, read[0], read[2]);
            print(kind, "read", "cp (get into buffer)", streams, read[1], read[2]);
        } finally {
            deleteTree(work.resolve(kind.name().toLowerCase()));
        }
    }

    /** A timed phase and its untimed preparation (clear the target, drop the page cache). */
    private record Measure(Phase prepare, Phase run) {
    }

    /**
     * The best rate of each measure, each run twice: in the given order, then in reverse, so that none always runs
     * first on a machine whose load changes.
     */
    private double[] best(Measure... measures) throws Exception {
        double[] best = new double[measures.length];
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < measures.length; k++) {
                int m = round == 0 ? k : measures.length - 1 - k;
                measures[m].prepare().run();
                best[m] = Math.max(best[m], rate(measures[m].run()));
            }
        }
        return best;
    }

    private static BlobName name(int i) {
        return BlobName.of(BlobType.DATA, String.format("%02x%062d", i & 0xff, i));
    }

    private int totalMiB() {
        return count * sizeMiB;
    }

    /** MiB per second of {@code phase}, which moves {@link #totalMiB()}. */
    private double rate(Phase phase) throws Exception {
        long start = System.nanoTime();
        phase.run();
        return totalMiB() / ((System.nanoTime() - start) / 1e9);
    }

    /** Runs blob {@code 0..count-1} on {@code streams} threads. */
    private void parallel(int streams, BlobTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int blob = i;
                futures.add(pool.submit(() -> {
                    task.run(blob);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Runs {@code command} (bash, with $i the blob number) for every blob, {@code streams} at a time. */
    private void shell(int streams, String command) throws IOException, InterruptedException {
        String script = "seq 0 " + (count - 1) + " | xargs -P " + streams + " -I{} bash -c 'i={}; " + command + "'";
        Process process = new ProcessBuilder("bash", "-c", script).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException("failed (exit " + process.exitValue() + "): " + script);
        }
    }

    /** Empties the page cache so reads come from the medium; false where that is not permitted. */
    private static boolean dropCaches() {
        try {
            Process process = new ProcessBuilder("bash", "-c", "sync && echo 3 > /proc/sys/vm/drop_caches")
                    .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void print(DeviceKind kind, String phase, String tool, int streams, double driver,
                              double toolRate) {
        System.out.printf("%-6s %-6s %-22s %8d %12.1f %12.1f %6.0f%%%n", kind, phase, tool, streams, driver, toolRate,
                100 * driver / toolRate);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @FunctionalInterface
    private interface Phase {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface BlobTask {
        void run(int blob) throws Exception;
    }
}
