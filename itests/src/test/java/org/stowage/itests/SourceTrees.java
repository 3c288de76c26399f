package org.stowage.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Builds source trees with the things a restore must get right, and compares two trees entry by entry. */
final class SourceTrees {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private SourceTrees() {
    }

    /** Files of several sizes (one spans several chunks), modes, mtimes, nested and empty dirs, symlinks. */
    static Path create(Path root, long seed) throws IOException {
        Files.createDirectories(root.resolve("nested/deeper"));
        Files.createDirectories(root.resolve("empty"));
        Files.write(root.resolve("empty.txt"), new byte[0]);
        Files.writeString(root.resolve("hello.txt"), "hello, stowage\n", StandardCharsets.UTF_8);
        Files.write(root.resolve("large.bin"), random(seed, 9 * 1024 * 1024 + 17));
        Files.write(root.resolve("nested/deeper/data.bin"), random(seed + 1, 300_000));
        Files.writeString(root.resolve("nested/run.sh"), "#!/bin/sh\necho ok\n", StandardCharsets.UTF_8);
        Files.createSymbolicLink(root.resolve("link-to-hello"), Path.of("hello.txt"));
        Files.createSymbolicLink(root.resolve("nested/dangling"), Path.of("/does/not/exist"));
        Files.setPosixFilePermissions(root.resolve("nested/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(root.resolve("hello.txt"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(root.resolve("empty"), PosixFilePermissions.fromString("rwx------"));
        long nanos = 1_650_000_000_123_456_789L;
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> paths = all.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
            for (Path p : paths) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, FileTime.from(nanos += 1_000_003_001L, TimeUnit.NANOSECONDS));
                }
            }
        }
        return root;
    }

    static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Asserts both trees have the same entries with the same type, content, permissions, mtime and link target. */
    static void assertIdentical(Path expected, Path actual) throws IOException {
        assertIdenticalExcept(expected, actual, List.of());
    }

    /** As {@link #assertIdentical}, but the entries {@code absent} (relative paths) must be missing in {@code actual}. */
    static void assertIdenticalExcept(Path expected, Path actual, List<String> absent) throws IOException {
        TreeMap<String, String> want = describe(expected);
        want.keySet().removeAll(absent);
        TreeMap<String, String> got = describe(actual);
        assertEquals("entries restored under " + actual, want.keySet(), got.keySet());
        want.forEach((path, description) -> assertEquals(path, description, got.get(path)));
    }

    private static TreeMap<String, String> describe(Path root) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                out.put(root.relativize(p).toString(), entry(p));
            }
        }
        return out;
    }

    private static String entry(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return "link -> " + Files.readSymbolicLink(p);
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, NOFOLLOW);
        String common = PosixFilePermissions.toString(perms) + " mtime=" + Files.getLastModifiedTime(p, NOFOLLOW);
        if (Files.isDirectory(p, NOFOLLOW)) {
            return "dir " + common;
        }
        return "file " + common + " size=" + Files.size(p) + " sha256=" + sha256(p);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
