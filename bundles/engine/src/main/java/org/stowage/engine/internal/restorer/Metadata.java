package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.stowage.engine.internal.tree.Node;

/**
 * Applies a node's owner, mode and modification time to a restored file, directory or symbolic link, never through
 * a symbolic link. Stateless.
 *
 * <p>Owner and group are restored when the restore runs as root, as {@code tar --same-owner} and restic do: the
 * path was just created by this process, so its owner tells whether the process is root. Otherwise restored files
 * belong to the user running Stowage (an unprivileged process cannot give files away); that is not a failure.
 */
final class Metadata {

    private static final int ROOT = 0;

    private Metadata() {
    }

    /** Owner (first: a change of owner clears the set-user-id and set-group-id bits), mode, modification time. */
    static void apply(Path path, Node node) throws IOException {
        owner(path, node);
        if (node.mode() >= 0) {
            mode(path, node.mode());
        }
        modificationTime(path, node);
    }

    /** Owner and modification time of the link itself; a link has no mode of its own on Linux. */
    static void applyToLink(Path link, Node node) throws IOException {
        owner(link, node);
        modificationTime(link, node);
    }

    private static void modificationTime(Path path, Node node) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(node.mtimeNanos(), TimeUnit.NANOSECONDS), null, null);
    }

    private static void owner(Path path, Node node) throws IOException {
        if (node.uid() < 0 || node.gid() < 0) {
            return; // not recorded (e.g. a file system without owners)
        }
        Map<String, Object> current;
        try {
            current = Files.readAttributes(path, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return; // no owners on this file system
        }
        if ((Integer) current.get("uid") != ROOT) {
            return; // not root: cannot give files away
        }
        if ((Integer) current.get("uid") != node.uid()) {
            Files.setAttribute(path, "unix:uid", node.uid(), LinkOption.NOFOLLOW_LINKS);
        }
        if ((Integer) current.get("gid") != node.gid()) {
            Files.setAttribute(path, "unix:gid", node.gid(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static void mode(Path path, int mode) throws IOException {
        try {
            Files.setAttribute(path, "unix:mode", mode & 07777, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            Files.setPosixFilePermissions(path, permissions(mode)); // no unix view: permission bits only
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                out.add(p);
            }
        }
        return out;
    }
}
