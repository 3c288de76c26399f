package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.stowage.api.repository.ProgressListener;
import org.stowage.engine.internal.posix.FileStat;
import org.stowage.engine.internal.posix.FileStats;
import org.stowage.engine.internal.posix.FileSystemExtras;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Xattr;

/**
 * Applies a node's owner, extended attributes (ACLs among them), mode and modification time to a restored file,
 * directory, special file or symbolic link, never through a symbolic link. One instance per restore; thread-safe.
 *
 * <p>Owner and group are restored when the restore runs as root, as {@code tar --same-owner} and restic do: the
 * path was just created by this process, so its owner tells whether the process is root. Otherwise restored files
 * belong to the user running Stowage (an unprivileged process cannot give files away); that is not a failure. A
 * recorded user or group name that this host knows wins over the recorded number, as with tar and borg, so that
 * files restored on another host belong to the same people; the number serves where the name is unknown here.
 */
final class Metadata {

    private static final int ROOT = 0;

    private final FileSystemExtras extras;
    private final FileStats stats;
    private final ProgressListener listener;
    private final OwnerSide<UserPrincipal> users;
    private final OwnerSide<GroupPrincipal> groups;

    /** Platform extras (extended attributes through libc), warnings dropped: for tests of owners and modes. */
    Metadata() {
        this(FileSystemExtras.platform(), ProgressListener.NONE);
    }

    /** @param listener told, per entry and attribute, what could not be restored (a warning, not a failure) */
    Metadata(FileSystemExtras extras, ProgressListener listener) {
        this.extras = extras;
        this.stats = new FileStats(extras);
        this.listener = listener;
        UserPrincipalLookupService names = FileSystems.getDefault().getUserPrincipalLookupService();
        this.users = OwnerSide.users(names);
        this.groups = OwnerSide.groups(names);
    }

    void apply(Path path, Node node) throws IOException {
        apply(path, path, node);
    }

    /**
     * Owner first (a change of owner clears the set-user-id and set-group-id bits, and a {@code security.capability}
     * attribute), then extended attributes and ACLs, then mode (after the ACL, whose mask it sets to the recorded
     * group bits, as they were), then modification time (which the others would change). Owner and mode are set only
     * where they differ from what the entry has (one {@code stat} tells): a file restored by root for root with the
     * mode a new file gets takes no {@code lchown} for owner and group and no {@code chmod} (which the JDK does as an
     * {@code open}, an {@code fchmod} and a {@code close}).
     *
     * @param path  where the entry is now (a temporary name for files)
     * @param shown its final path, named in warnings
     */
    void apply(Path path, Path shown, Node node) throws IOException {
        FileStat current = current(path);
        boolean ownerChanged = owner(path, node, current);
        boolean xattrsSet = xattrs(path, shown, node);
        if (node.type() == NodeType.OTHER) { // the JDK would open it: blocks on a FIFO
            extras.chmod(path, node.mode() >= 0 ? node.mode() : 0600); // throws where the extras are unavailable
            modificationTime(path, node);
            return;
        }
        if (node.mode() >= 0 && (ownerChanged || xattrsSet || current == null
                || (current.mode() & 07777) != (node.mode() & 07777))) {
            mode(path, node.mode());
        }
        modificationTime(path, node);
    }

    /** Owner, extended attributes and modification time of the link itself; a link has no mode on Linux. */
    void applyToLink(Path link, Path shown, Node node) throws IOException {
        owner(link, node, current(link));
        xattrs(link, shown, node);
        modificationTime(link, node);
    }

    /** What the entry has now; null on a file system without owners and modes (no {@code unix} view). */
    private FileStat current(Path path) throws IOException {
        try {
            return stats.read(path, false);
        } catch (UnsupportedOperationException noUnixView) {
            return null;
        }
    }

    /**
     * Sets each recorded attribute; one that cannot be set is a warning naming it and why, never a failure. True if
     * there were any to set.
     */
    private boolean xattrs(Path path, Path shown, Node node) {
        if (node.xattrs() == null || node.xattrs().isEmpty()) {
            return false;
        }
        for (Xattr xattr : node.xattrs()) {
            try {
                extras.setXattr(path, xattr);
            } catch (IOException e) {
                listener.warning(shown.toString(), (xattr.name().startsWith("system.posix_acl") ? "ACL " : "extended"
                        + " attribute ") + xattr.name() + " not restored: " + e.getMessage()
                        + (xattr.name().startsWith("user.") ? "" : " (trusted.* and security.* need root)"));
            }
        }
        return true;
    }

    /**
     * One {@code utimensat} where the platform has it; the JDK's view opens the file and closes it again around a
     * {@code futimens}, two more system calls per restored file.
     */
    private void modificationTime(Path path, Node node) throws IOException {
        if (extras.unavailableReason() == null) {
            extras.setModificationTime(path, node.mtimeNanos());
            return;
        }
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(node.mtimeNanos(), TimeUnit.NANOSECONDS), null, null);
    }

    /** Gives the entry its recorded owner and group ({@link OwnerSide}) where they differ; true if it changed one. */
    private boolean owner(Path path, Node node, FileStat current) throws IOException {
        if (current == null || node.uid() < 0 || node.gid() < 0) {
            return false; // no owners on this file system, or none recorded
        }
        if (current.uid() != ROOT) {
            return false; // not root: cannot give files away
        }
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        boolean user = users.give(path, view, node.user(), node.uid(), current, stats);
        boolean group = groups.give(path, view, node.group(), node.gid(), current, stats);
        return user || group;
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
