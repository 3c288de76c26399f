package org.stowage.engine.internal.warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The source tree a {@link Rehearsal} backs up: generated from a seed, about 50 MiB in ~3,000 files, shaped like
 * what the pipeline meets in real trees so that every branch of the backup and restore paths runs: many small files
 * (a third of them in one large directory) and a few large ones (many chunks each), text that compresses well,
 * noise that does not (stored raw), mixtures of both (the compression probe's middle bands), nested directories,
 * an empty file and symbolic links.
 *
 * <p>The number of small files is what gets the per-file and per-blob methods (walking an entry, reading a file,
 * saving a blob, decoding and writing one at restore) compiled by C2: the JIT compiles a method at full
 * optimization only after about 5,000 calls, more while its queue is long. With ~1,000 files they stayed below that
 * and the first real backup compiled them (JFR compilation events: saving a blob 0.7 s, walking an entry 0.6 s).
 */
final class RehearsalTree {

    static final int SMALL_FILES = 3000;
    static final int MEDIUM_FILES = 24;
    static final int LARGE_FILES = 3;
    private static final int STRIPE = 4 << 10;
    private static final byte[][] WORDS = words("the", "backup", "of", "a", "file", "is", "split", "into", "chunks",
            "each", "chunk", "hashed", "compressed", "sealed", "and", "written", "to", "pack", "on", "device", "index",
            "snapshot", "tree", "restore", "reads", "verifies", "blob", "{", "}", "=", "0x1f", "return", "null;",
            "public", "static", "final", "int", "long", "<xml>", "</xml>");

    private final Path root;
    private final List<Path> files = new ArrayList<>();

    private RehearsalTree(Path root) {
        this.root = root;
    }

    /** Writes the tree below {@code root} (created; must not exist). */
    static RehearsalTree write(Path root, long seed) throws IOException {
        RehearsalTree tree = new RehearsalTree(root);
        tree.populate(new SplittableRandom(seed));
        return tree;
    }

    Path root() {
        return root;
    }

    /** Regular files written, the empty one included. */
    int fileCount() {
        return files.size();
    }

    /** Rewrites one small file in a hundred with new content of the same size: a re-backup's changed files. */
    void change(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < SMALL_FILES; i += 100) {
            Path file = files.get(i);
            Files.write(file, content(random, (int) Files.size(file), random.nextInt(101)));
        }
    }

    private void populate(SplittableRandom random) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (int top = 0; top < 12; top++) {
            for (int sub = 0; sub < 2; sub++) {
                dirs.add(Files.createDirectories(root.resolve("d" + top).resolve("e" + sub)));
            }
        }
        for (int i = 0; i < SMALL_FILES; i++) {
            // a third in one large directory (its listing is sorted), the rest spread out
            Path dir = i % 3 == 0 ? dirs.get(0) : dirs.get(i % dirs.size());
            file(dir.resolve("s" + i), random, random.nextInt(1, 12 << 10));
        }
        for (int i = 0; i < MEDIUM_FILES; i++) {
            file(dirs.get(i).resolve("m" + i), random, random.nextInt(96 << 10, 768 << 10));
        }
        for (int i = 0; i < LARGE_FILES; i++) {
            file(root.resolve("d" + i).resolve("l" + i), random, random.nextInt(6 << 20, 8 << 20));
        }
        file(root.resolve("empty"), random, 0);
        Files.createSymbolicLink(root.resolve("to-dir"), Path.of("d0"));
        Files.createSymbolicLink(root.resolve("d1").resolve("to-file"), Path.of("l1"));
    }

    /** A file of text, noise or a mixture (the percentage of its 4 KiB stripes that are text, picked at random). */
    private void file(Path path, SplittableRandom random, int length) throws IOException {
        int kind = random.nextInt(3);
        int textPercent = kind == 0 ? 100 : kind == 1 ? 0 : random.nextInt(25, 76);
        Files.write(path, content(random, length, textPercent));
        files.add(path);
    }

    private static byte[] content(SplittableRandom random, int length, int textPercent) {
        byte[] bytes = new byte[length];
        for (int from = 0; from < length; from += STRIPE) {
            int to = Math.min(length, from + STRIPE);
            if (random.nextInt(100) < textPercent) {
                text(random, bytes, from, to);
            } else {
                for (int i = from; i < to; i++) {
                    bytes[i] = (byte) random.nextInt(256);
                }
            }
        }
        return bytes;
    }

    private static void text(SplittableRandom random, byte[] bytes, int from, int to) {
        int at = from;
        while (at < to) {
            byte[] word = WORDS[random.nextInt(WORDS.length)];
            int n = Math.min(word.length, to - at);
            System.arraycopy(word, 0, bytes, at, n);
            at += n;
            if (at < to) {
                bytes[at++] = (byte) (random.nextInt(12) == 0 ? '\n' : ' ');
            }
        }
    }

    private static byte[][] words(String... words) {
        byte[][] bytes = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            bytes[i] = words[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
