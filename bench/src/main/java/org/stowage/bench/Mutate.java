package org.stowage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Applies the benchmark's deterministic "1 % change" to a data tree, in place:
 * <ul>
 *   <li>only regular files with a single name take part: a hard-linked file (the Temurin JDK's {@code legal/} has
 *       hundreds) changed once would show up as a change of every name, which is no longer "1 %";</li>
 *   <li>files are put in a seeded order (SHA-256 of {@code seed:relative path}), so the same seed and tree always
 *       pick the same files, whatever the file system's listing order;</li>
 *   <li>90 % of the byte budget rewrites one region in each of the first ~{@code percent} % of the files (the
 *       remaining budget is spread evenly over the files still to touch; small files are rewritten whole and the
 *       walk goes on until the budget is spent);</li>
 *   <li>10 % of the budget is appended to the next four files.</li>
 * </ul>
 * New bytes come from {@link Random} seeded with the seed: its algorithm is specified, so every JDK writes the same
 * bytes. They are incompressible, like most real edits of binaries.
 *
 * <p>Self-contained on purpose: {@code bench/run.sh} runs it as {@code java Mutate.java DIR SEED PERCENT} before the
 * Stowage engine is built. Prints one {@code key=value} line per figure for the run script to record.
 */
public final class Mutate {

    private static final int APPEND_FILES = 4;
    private static final int IO_SLICE = 1 << 20;

    private Mutate() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java Mutate.java DIR SEED PERCENT");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        double percent = Double.parseDouble(args[2]);

        List<Path> files = seededOrder(dir, seed);
        long total = 0;
        Map<Path, Long> sizes = new HashMap<>();
        for (Path f : files) {
            long size = Files.size(f);
            sizes.put(f, size);
            total += size;
        }
        long budget = Math.round(total * percent / 100.0);
        long rewriteBudget = budget * 9 / 10;
        long appendBudget = budget - rewriteBudget;
        int wanted = Math.max(1, (int) Math.round(files.size() * percent / 100.0));

        Random random = new Random(seed);
        long rewritten = 0;
        int touched = 0;
        int next = 0;
        while (rewritten < rewriteBudget && next < files.size()) {
            Path f = files.get(next++);
            long size = sizes.get(f);
            if (size == 0) {
                continue;
            }
            long left = rewriteBudget - rewritten;
            long share = touched < wanted ? Math.max(1, left / (wanted - touched)) : left;
            long length = Math.min(size, share);
            long offset = (long) (random.nextDouble() * (size - length + 1));
            writeRandom(f, offset, length, random);
            rewritten += length;
            touched++;
        }
        long appended = 0;
        int appendedFiles = 0;
        for (; appendedFiles < APPEND_FILES && next < files.size(); appendedFiles++) {
            Path f = files.get(next++);
            long length = appendBudget / APPEND_FILES;
            writeRandom(f, sizes.get(f), length, random);
            appended += length;
        }

        System.out.println("mutate_seed=" + seed);
        System.out.println("mutate_total_bytes=" + total);
        System.out.println("mutate_files_eligible=" + files.size());
        System.out.println("mutate_files_rewritten=" + touched);
        System.out.println("mutate_bytes_rewritten=" + rewritten);
        System.out.println("mutate_files_appended=" + appendedFiles);
        System.out.println("mutate_bytes_appended=" + appended);
        System.out.printf("mutate_percent_of_bytes=%.3f%n", 100.0 * (rewritten + appended) / total);
    }

    /** Regular files with one link below {@code dir}, in the seeded order (never follows symbolic links). */
    static List<Path> seededOrder(Path dir, long seed) throws IOException {
        List<String[]> keyed = new ArrayList<>();
        MessageDigest sha = sha256();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && links(p) == 1).forEach(p -> {
                String rel = dir.relativize(p).toString();
                byte[] key = sha.digest((seed + ":" + rel).getBytes(StandardCharsets.UTF_8));
                keyed.add(new String[] {HexFormat.of().formatHex(key), rel});
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        keyed.sort(Comparator.comparing((String[] k) -> k[0]).thenComparing(k -> k[1]));
        List<Path> ordered = new ArrayList<>(keyed.size());
        for (String[] k : keyed) {
            ordered.add(dir.resolve(k[1]));
        }
        return ordered;
    }

    private static int links(Path file) {
        try {
            return (Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code length} seeded random bytes at {@code offset}, making the file writable for the moment. */
    private static void writeRandom(Path file, long offset, long length, Random random) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        boolean readOnly = !perms.contains(PosixFilePermission.OWNER_WRITE);
        if (readOnly) {
            Set<PosixFilePermission> writable = java.util.EnumSet.copyOf(perms);
            writable.add(PosixFilePermission.OWNER_WRITE);
            Files.setPosixFilePermissions(file, writable);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] slice = new byte[(int) Math.min(IO_SLICE, Math.max(1, length))];
            long done = 0;
            while (done < length) {
                int n = (int) Math.min(slice.length, length - done);
                random.nextBytes(slice);
                ByteBuffer buf = ByteBuffer.wrap(slice, 0, n);
                while (buf.hasRemaining()) {
                    ch.write(buf, offset + done + (n - buf.remaining()));
                }
                done += n;
            }
        } finally {
            if (readOnly) {
                Files.setPosixFilePermissions(file, perms);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
