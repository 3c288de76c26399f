package org.stowage.itests.crash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Every regular file of a tree: relative path → size and SHA-256. Immutable. */
record Manifest(SortedMap<String, Entry> files) {

    record Entry(long size, String sha256) {
    }

    Manifest {
        files = new TreeMap<>(files);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Reads and hashes every regular file below {@code root}. */
    static Manifest scan(Path root) throws IOException {
        SortedMap<String, Entry> files = new TreeMap<>();
        byte[] buffer = new byte[1 << 20];
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : (Iterable<Path>) all::iterator) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                MessageDigest digest = sha256();
                long size = 0;
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        digest.update(buffer, 0, n);
                        size += n;
                    }
                }
                files.put(root.relativize(file).toString(), new Entry(size, HexFormat.of().formatHex(digest.digest())));
            }
        }
        return new Manifest(files);
    }

    /** The same files with {@code prefix/} before each path (to compare with a restore of absolute paths). */
    Manifest under(String prefix) {
        SortedMap<String, Entry> moved = new TreeMap<>();
        files.forEach((path, entry) -> moved.put(prefix + "/" + path, entry));
        return new Manifest(moved);
    }

    /** Both manifests' files; a path in both must have the same entry. */
    Manifest plus(Manifest other) {
        SortedMap<String, Entry> all = new TreeMap<>(files);
        other.files.forEach((path, entry) -> {
            Entry before = all.put(path, entry);
            if (before != null && !before.equals(entry)) {
                throw new IllegalArgumentException(path + " is in both manifests with different content");
            }
        });
        return new Manifest(all);
    }

    long bytes() {
        return files.values().stream().mapToLong(Entry::size).sum();
    }

    /** The differences from {@code actual}, at most {@code limit} lines; empty when identical. */
    List<String> differences(Manifest actual, int limit) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(files.keySet());
        paths.addAll(actual.files.keySet());
        for (String path : paths) {
            Entry want = files.get(path);
            Entry got = actual.files.get(path);
            if (want == null) {
                lines.add("unexpected " + path + " " + got);
            } else if (got == null) {
                lines.add("missing " + path + " " + want);
            } else if (!want.equals(got)) {
                lines.add("differs " + path + ": expected " + want + ", restored " + got);
            }
            if (lines.size() >= limit) {
                lines.add("…");
                break;
            }
        }
        return lines;
    }

    /** One line per file, for a manifest file a person can diff. */
    void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Entry> e : files.entrySet()) {
            text.append(e.getValue().sha256()).append(' ').append(e.getValue().size()).append(' ')
                    .append(e.getKey()).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
