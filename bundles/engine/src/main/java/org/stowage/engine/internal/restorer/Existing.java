package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

import org.stowage.api.repository.RestoreRequest.Overwrite;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;

/**
 * Decides, by {@link Overwrite}, whether a non-directory entry of the snapshot is left out because the target
 * already has something at its place. One {@code lstat} per entry, and none with {@link Overwrite#ALWAYS}.
 * {@link Overwrite#IF_CHANGED} keeps a regular file of the same size and modification time (nanoseconds) as the
 * node, and a symbolic link with the same target, without reading content (rsync's quick check): a file changed
 * without its size or time changing is not restored. Stateless and thread-safe.
 */
final class Existing {

    private Existing() {
    }

    /** True if the entry at {@code path} is to be kept and {@code node} not restored. */
    static boolean keep(Overwrite overwrite, Node node, Path path) {
        if (overwrite == Overwrite.ALWAYS || node.type() == NodeType.DIR) {
            return false;
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return false; // cannot tell: restoring it either replaces it or fails naming the path, never loses it
        }
        if (overwrite == Overwrite.NEVER) {
            return true;
        }
        if (node.type() == NodeType.FILE) {
            return attrs.isRegularFile() && attrs.size() == node.size()
                    && attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS) == node.mtimeNanos();
        }
        if (node.type() == NodeType.SYMLINK && attrs.isSymbolicLink() && node.linkTarget() != null) {
            try {
                return Files.readSymbolicLink(path).toString().equals(node.linkTarget());
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }
}
