package org.stowage.engine.internal.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Builds source trees with every kind of entry, and compares trees entry by entry. */
public final class SampleTree {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private SampleTree() {
    }

    /** Files (empty, small, several chunks, executable), nested and empty dirs, symlinks; odd modes and mtimes. */
    public static void create(Path root) throws IOException {
        Files.createDirectories(root.resolve("nested/a/b"));
        Files.createDirectories(root.resolve("emptydir"));
        Files.write(root.resolve("empty.txt"), new byte[0]);
        Files.writeString(root.resolve("small.txt"), "hello\n", StandardCharsets.UTF_8);
        Files.write(root.resolve("big.bin"), random(11, 1_500_000));
        Files.writeString(root.resolve("script.sh"), "#!/bin/sh\necho hi\n", StandardCharsets.UTF_8);
        Files.write(root.resolve("nested/a/b/deep.txt"), random(12, 70_000));
        Files.writeString(root.resolve("nested/a/sibling.txt"), "sibling", StandardCharsets.UTF_8);
        Files.createSymbolicLink(root.resolve("link"), Path.of("small.txt"));
        Files.createSymbolicLink(root.resolve("nested/dangling"), Path.of("/nonexistent/target"));
        mode(root.resolve("small.txt"), 0640);
        mode(root.resolve("script.sh"), 0755);
        mode(root.resolve("emptydir"), 0700);
        mode(root.resolve("nested/a"), 0750);
        long t = 1_600_000_000_123_456_789L;
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> paths = new ArrayList<>(all.toList());
            paths.sort(Comparator.comparingInt(Path::getNameCount).reversed()); // children before their dirs
            for (Path p : paths) {
                Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW)
                        .setTimes(FileTime.from(t += 1_000_000_007L, TimeUnit.NANOSECONDS), null, null);
            }
        }
        if (isRoot(root)) { // owners other than the one running the test: only root can give files away
            owner(root.resolve("small.txt"), 4321, 4322);
            owner(root.resolve("nested/a"), 4323, 4321);
            owner(root.resolve("link"), 4324, 4324);
        }
    }

    /** Whether this process runs as root, told by the owner of {@code created}, a path it created. */
    public static boolean isRoot(Path created) throws IOException {
        return (Integer) Files.getAttribute(created, "unix:uid", NOFOLLOW) == 0;
    }

    private static void owner(Path path, int uid, int gid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, NOFOLLOW);
        Files.setAttribute(path, "unix:gid", gid, NOFOLLOW);
    }

    public static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    public static void mode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode, NOFOLLOW);
    }

    /**
     * Asserts the same entries, types, contents, modes, owners, mtimes (symbolic links included) and link targets
     * (not the metadata of the root itself).
     */
    public static void assertSame(Path expected, Path actual) throws IOException {
        assertSame(expected, actual, java.util.Set.of());
    }

    /** As {@link #assertSame(Path, Path)}, but the entries {@code missing} (relative paths) must be absent. */
    public static void assertSame(Path expected, Path actual, java.util.Set<String> missing) throws IOException {
        TreeMap<String, String> want = describe(expected);
        want.keySet().removeAll(missing);
        TreeMap<String, String> got = describe(actual);
        assertEquals(want.keySet(), got.keySet(), "entries");
        want.forEach((path, description) -> assertEquals(description, got.get(path), path));
    }

    private static TreeMap<String, String> describe(Path root) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                out.put(root.relativize(p).toString(), describeOne(p, root.equals(p)));
            }
        }
        return out;
    }

    private static String describeOne(Path p, boolean isRoot) throws IOException {
        String ownerAndTime = isRoot ? "" : " owner " + Files.getAttribute(p, "unix:uid", NOFOLLOW) + ":"
                + Files.getAttribute(p, "unix:gid", NOFOLLOW) + " mtime "
                + Files.getLastModifiedTime(p, NOFOLLOW).to(TimeUnit.NANOSECONDS);
        if (Files.isSymbolicLink(p)) {
            return "link -> " + Files.readSymbolicLink(p) + ownerAndTime;
        }
        int mode = (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 07777;
        String meta = String.format("mode %o", mode) + ownerAndTime;
        if (Files.isDirectory(p, NOFOLLOW)) {
            return "dir " + meta;
        }
        if (Files.isRegularFile(p, NOFOLLOW)) {
            return "file " + meta + " sha " + sha(Files.readAllBytes(p));
        }
        return "other " + meta;
    }

    private static String sha(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
