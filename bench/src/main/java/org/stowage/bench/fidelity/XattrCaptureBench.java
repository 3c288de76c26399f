package org.stowage.bench.fidelity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.stowage.api.repository.ProgressListener;
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
 * and prints each run and the ratio of the medians. Creating the tree takes a few seconds; each backup about as long.
 *
 * <pre>java … org.stowage.bench.fidelity.XattrCaptureBench WORK_DIR [FILES=50000] [ROUNDS=3]</pre>
 */
public final class XattrCaptureBench {

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
        backup(dir, off); // warm-up: JIT and page cache
        for (int r = 0; r < rounds; r++) {
            without[r] = backup(dir, off);
            with[r] = backup(dir, platform);
            System.out.printf(Locale.ROOT, "round %d: without %d ms, with %d ms%n", r, without[r] / 1_000_000, with[r] / 1_000_000);
        }
        Arrays.sort(with);
        Arrays.sort(without);
        double ratio = (double) with[rounds / 2] / without[rounds / 2];
        System.out.printf(Locale.ROOT, "%d files: median without %d ms, with %d ms, ratio %.3f (bar <= 1.15: %s)%n",
                files, without[rounds / 2] / 1_000_000, with[rounds / 2] / 1_000_000, ratio,
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
