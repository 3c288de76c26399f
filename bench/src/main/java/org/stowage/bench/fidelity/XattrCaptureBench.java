package org.stowage.bench.fidelity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.stowage.api.repository.ProgressListener;
import org.stowage.bench.placement.Machine;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.archiver.Archiver;
import org.stowage.engine.internal.archiver.SourceOpener;
import org.stowage.engine.internal.posix.FileSystemExtras;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;
import org.stowage.engine.internal.tree.Xattr;

/**
 * The capture bench of issue 18 (bench/everyday.sh): "backup with xattr/ACL capture on 50,000 small files: at most
 * 1.15x the time without". Backs up {@code files} small files (one in 20 with a user attribute) into a fresh
 * repository on a memory device (so that the figure is the walk's, not a disk's), alternating capture on and off,
 * after two untimed rounds of both, and prints each run with its CPU time, the ratio of the medians and the spread
 * of the per-round ratios. Creating the tree takes a few seconds; each backup about as long.
 *
 * <pre>java … org.stowage.bench.fidelity.XattrCaptureBench WORK_DIR [FILES=50000] [ROUNDS=3]</pre>
 */
public final class XattrCaptureBench {

    /** Untimed rounds of both modes first: the first two of a JVM ran at twice the steady time (JIT). */
    private static final int WARMUP_ROUNDS = 2;

    private XattrCaptureBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        FileSystemExtras platform = FileSystemExtras.platform();
        for (int i = 0; i < files; i++) {
            Path sub = dir.resolve("d" + (i / 1000));
            if (i % 1000 == 0) {
                Files.createDirectories(sub);
            }
            Path file = Files.writeString(sub.resolve("f" + i), "small file " + i);
            if (i % 20 == 0) {
                platform.setXattr(file, new Xattr("user.n", new byte[]{(byte) i}));
            }
        }
        FileSystemExtras off = FileSystemExtras.unavailable("capture off for the comparison");
        long[] with = new long[rounds];
        long[] without = new long[rounds];
        for (int w = 0; w < WARMUP_ROUNDS; w++) { // untimed: JIT-compile both paths (capture's too), fill the page cache
            backup(dir, off);
            backup(dir, platform);
        }
        for (int r = 0; r < rounds; r++) {
            double cpu0 = Machine.ownCpuSeconds();
            without[r] = backup(dir, off);
            double cpu1 = Machine.ownCpuSeconds();
            with[r] = backup(dir, platform);
            double cpu2 = Machine.ownCpuSeconds();
            System.out.printf(Locale.ROOT, "round %d: without %d ms (%.2f CPU-s), with %d ms (%.2f CPU-s)%n", r,
                    without[r] / 1_000_000, cpu1 - cpu0, with[r] / 1_000_000, cpu2 - cpu1);
        }
        double[] paired = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            paired[r] = (double) with[r] / without[r];
        }
        Arrays.sort(paired);
        Arrays.sort(with);
        Arrays.sort(without);
        double ratio = (double) with[rounds / 2] / without[rounds / 2];
        System.out.printf(Locale.ROOT, "%d files: median without %d ms, with %d ms, ratio %.3f (paired %.3f-%.3f,"
                + " median %.3f) (bar <= 1.15: %s)%n", files, without[rounds / 2] / 1_000_000,
                with[rounds / 2] / 1_000_000, ratio, paired[0], paired[rounds - 1], paired[rounds / 2],
                ratio <= 1.15 ? "PASS" : "FAIL");
    }

    private static long backup(Path dir, FileSystemExtras extras) throws Exception {
        try (Repository repo = Repositories.init(new MemoryDevice("bench"), "pw".toCharArray(),
                RepositoryOptions.defaults().withScryptN(16))) {
            long t0 = System.nanoTime();
            new Archiver(repo, SourceOpener.FILES, Runtime.getRuntime().availableProcessors(), extras)
                    .backup(List.of(dir), "bench", Set.of(), null, ProgressListener.NONE);
            return System.nanoTime() - t0;
        }
    }
}
