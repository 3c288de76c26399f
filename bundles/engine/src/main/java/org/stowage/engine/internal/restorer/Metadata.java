package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.stowage.engine.internal.tree.Node;

/**
 * Applies a node's mode and modification time to a restored file or directory, never through a symbolic link.
 * Stateless.
 */
final class Metadata {

    private Metadata() {
    }

    static void apply(Path path, Node node) throws IOException {
        if (node.mode() >= 0) {
            mode(path, node.mode());
        }
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(node.mtimeNanos(), TimeUnit.NANOSECONDS), null, null);
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
