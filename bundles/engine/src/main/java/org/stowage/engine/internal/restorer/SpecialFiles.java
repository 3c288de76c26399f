package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import org.stowage.api.repository.ProgressListener;
import org.stowage.engine.internal.posix.FileSystemExtras;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.Special;

/**
 * Creates the special files of a restore: FIFOs, and device nodes where the process may (root). Each is created
 * under a temporary name in its directory, gets its metadata and is renamed into place, like a file. What cannot be
 * created is warned about, naming the path and why, and the restore goes on: a socket (created by the program that
 * listens on it, as tar and rsync leave it too), a device node without root, a platform without the native calls,
 * or a format-1 tree that does not record the kind. Not thread-safe: one thread creates them all.
 */
final class SpecialFiles {

    private final RestorePlan plan;
    private final Metadata metadata;
    private final FileSystemExtras extras;
    private final ProgressListener listener;

    SpecialFiles(RestorePlan plan, Metadata metadata, FileSystemExtras extras, ProgressListener listener) {
        this.plan = plan;
        this.metadata = metadata;
        this.extras = extras;
        this.listener = listener;
    }

    /** Creates every planned special file; returns how many were created. */
    long createAll() {
        long done = 0;
        for (RestorePlan.Link special : plan.specials) {
            if (create(special.path(), special.node())) {
                done++;
            }
        }
        return done;
    }

    private boolean create(Path path, Node node) {
        Special kind = node.special();
        if (kind == null) {
            return skip(path, "special file not restored: the snapshot (tree format 1) does not record whether it"
                    + " is a FIFO, a device or a socket");
        }
        if (kind == Special.SOCKET) {
            return skip(path, "socket not restored: a socket is created by the program that listens on it");
        }
        if (kind.isDevice() && (node.major() == null || node.minor() == null)) {
            return skip(path, "device node not restored: the snapshot records no device numbers for it");
        }
        Path temp = path.resolveSibling(RestorePlanner.TEMP_PREFIX + UUID.randomUUID() + ".tmp");
        try {
            extras.mknod(temp, kind, 0600, kind.isDevice() ? node.major() : 0, kind.isDevice() ? node.minor() : 0);
        } catch (FileSystemExtras.Unsupported e) {
            return skip(path, describe(kind) + " not restored: " + e.getMessage());
        } catch (IOException e) {
            String hint = kind.isDevice() ? "; device nodes are restored only when Stowage runs as root" : "";
            return skip(path, describe(kind) + " not restored: " + e.getMessage() + hint);
        }
        try {
            metadata.apply(temp, path, node);
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            plan.restored(path);
            return true;
        } catch (IOException | RuntimeException e) {
            plan.fail(path, "cannot finish " + describe(kind) + " (" + e + ")");
            try {
                Files.deleteIfExists(temp);
            } catch (IOException again) {
                plan.fail(temp, "cannot remove temporary special file (" + again + "); remove it by hand");
            }
            return false;
        }
    }

    private boolean skip(Path path, String message) {
        listener.warning(path.toString(), message);
        return false;
    }

    private static String describe(Special kind) {
        return switch (kind) {
            case FIFO -> "FIFO";
            case CHAR_DEVICE -> "character device node";
            case BLOCK_DEVICE -> "block device node";
            case SOCKET -> "socket";
        };
    }
}
