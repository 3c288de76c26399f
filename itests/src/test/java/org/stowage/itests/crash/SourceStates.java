package org.stowage.itests.crash;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A generated source folder that moves through numbered states, each with a manifest of what a snapshot of it must
 * restore to. State n holds the increments {@code n-window+1 … n}: each increment is a folder of incompressible
 * files (one large, many medium, some small) of about {@code incrementBytes}, generated from the seed and its
 * number, so the same seed gives the same bytes. Moving to a state adds its increment and deletes the oldest, so
 * a backup stores one increment and, once older snapshots are forgotten, a prune has packs to delete.
 * Not thread-safe; the folder must not change while a backup reads it.
 */
final class SourceStates {

    private static final int MIB = 1 << 20;

    private final Path root;
    private final long seed;
    private final long incrementBytes;
    private final int window;
    private final Map<Integer, Manifest> manifests = new HashMap<>();
    private final SortedMap<Integer, Manifest> increments = new TreeMap<>();
    private int state;

    SourceStates(Path root, long seed, long incrementBytes, int window) throws IOException {
        this.root = Files.createDirectories(root);
        this.seed = seed;
        this.incrementBytes = incrementBytes;
        this.window = window;
    }

    Path root() {
        return root;
    }

    int current() {
        return state;
    }

    long incrementBytes() {
        return incrementBytes;
    }

    static String tag(int state) {
        return "state-" + state;
    }

    /** The state a tag written by {@link #tag} names, or -1 for another tag. */
    static int stateOf(Iterable<String> tags) {
        for (String tag : tags) {
            if (tag.startsWith("state-")) {
                return Integer.parseInt(tag.substring("state-".length()));
            }
        }
        return -1;
    }

    /** The manifest of a state reached earlier; throws for one that never was. */
    Manifest manifest(int n) {
        Manifest manifest = manifests.get(n);
        if (manifest == null) {
            throw new AssertionError("no source state " + n + " was generated (current: " + state + ")");
        }
        return manifest;
    }

    /** Moves the folder to the next state and returns its number. */
    int advance() throws IOException {
        state++;
        increments.put(state, writeIncrement(state));
        int oldest = state - window;
        if (increments.remove(oldest) != null) {
            deleteTree(root.resolve(folder(oldest)));
        }
        Map<String, Manifest.Entry> files = new TreeMap<>();
        increments.forEach((n, inc) -> inc.files().forEach((path, e) -> files.put(folder(n) + "/" + path, e)));
        byte[] marker = ("state " + state + " of seed " + seed + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(root.resolve("state.txt"), marker);
        files.put("state.txt", new Manifest.Entry(marker.length, HexFormat.of().formatHex(Manifest.sha256()
                .digest(marker))));
        Manifest manifest = new Manifest(new TreeMap<>(files));
        manifests.put(state, manifest);
        manifest.write(root.resolveSibling(root.getFileName() + "-" + tag(state) + ".manifest"));
        return state;
    }

    private static String folder(int n) {
        return String.format("inc-%04d", n);
    }

    private Manifest writeIncrement(int n) throws IOException {
        Path dir = Files.createDirectories(root.resolve(folder(n)));
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + n);
        SortedMap<String, Manifest.Entry> files = new TreeMap<>();
        long large = incrementBytes * 3 / 8;
        files.put("large.bin", writeFile(dir.resolve("large.bin"), large, random));
        long left = incrementBytes - large;
        Files.createDirectories(dir.resolve("medium"));
        for (int i = 0; left > 0; i++) {
            long size = Math.min(left, random.nextLong(MIB / 4, 6L * MIB));
            String name = "medium/m" + i + ".bin";
            files.put(name, writeFile(dir.resolve(name), size, random));
            left -= size;
        }
        Files.createDirectories(dir.resolve("small"));
        for (int i = 0; i < 16; i++) {
            String name = "small/s" + i + ".dat";
            files.put(name, writeFile(dir.resolve(name), random.nextLong(0, 64 * 1024), random));
        }
        return new Manifest(files);
    }

    private static Manifest.Entry writeFile(Path file, long size, SplittableRandom random) throws IOException {
        MessageDigest digest = Manifest.sha256();
        byte[] block = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; ) {
                int n = (int) Math.min(block.length, size - written);
                fill(block, n, random);
                out.write(block, 0, n);
                digest.update(block, 0, n);
                written += n;
            }
        }
        return new Manifest.Entry(size, HexFormat.of().formatHex(digest.digest()));
    }

    private static void fill(byte[] block, int n, SplittableRandom random) {
        for (int i = 0; i < n; i += 8) {
            long bits = random.nextLong();
            for (int b = 0; b < 8 && i + b < n; b++) {
                block[i + b] = (byte) (bits >>> (8 * b));
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
