package org.stowage.mount.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.SnapshotFile;
import org.stowage.api.repository.SnapshotService;

/**
 * What a mount reads from the repository: the snapshot list (as a {@link MountLayout}, read again when older than
 * {@link #LAYOUT_AGE}, so new and forgotten snapshots show within seconds), the snapshots' directory listings
 * (cached) and file content. Thread-safe.
 */
final class SnapshotTrees {

    static final Duration LAYOUT_AGE = Duration.ofSeconds(5);
    /** About 20 MiB of listings at most (a NodeInfo with its path is ~100 bytes). */
    private static final int CACHED_ENTRIES = 200_000;

    private record Built(MountLayout layout, Instant at) {
    }

    private final SnapshotService snapshots;
    private final ZoneId zone;
    private final Clock clock;
    private final ListingCache listings = new ListingCache(CACHED_ENTRIES);
    private volatile Built built;

    SnapshotTrees(SnapshotService snapshots, ZoneId zone, Clock clock) {
        this.snapshots = snapshots;
        this.zone = zone;
        this.clock = clock;
    }

    MountLayout layout() {
        Built current = built;
        Instant now = clock.instant();
        if (current == null || current.at().plus(LAYOUT_AGE).isBefore(now)) {
            current = new Built(new MountLayout(snapshots.snapshots(), zone), now);
            built = current;
        }
        return current.layout();
    }

    /** When the layout was read: the time its folders and links show. */
    Instant layoutTime() {
        Built current = built;
        return current == null ? clock.instant() : current.at();
    }

    /**
     * The entry at {@code path} of the snapshot ("/" for its root), or null if there is none. Special files (FIFOs,
     * devices) are not shown: they have no content to read, and a restore brings them back.
     */
    NodeInfo node(String snapshotId, String path) {
        List<String> names = MountLayout.names(path);
        if (names.isEmpty()) {
            return new NodeInfo("/", NodeInfo.Type.DIR, 0, 0555, layoutTime(), null);
        }
        String parent = "/" + String.join("/", names.subList(0, names.size() - 1));
        NodeInfo folder = node(snapshotId, parent);
        if (folder == null || folder.type() != NodeInfo.Type.DIR) {
            return null;
        }
        String name = names.get(names.size() - 1);
        return children(snapshotId, parent).stream().filter(n -> name(n).equals(name)).findFirst().orElse(null);
    }

    /** The entries of the folder at {@code path} of the snapshot, special files left out. */
    List<NodeInfo> children(String snapshotId, String path) {
        return listings.get(snapshotId, path, () -> snapshots.list(snapshotId, path, false).stream()
                .filter(n -> n.type() != NodeInfo.Type.OTHER).toList());
    }

    SnapshotFile open(String snapshotId, String path) {
        return snapshots.open(snapshotId, path);
    }

    static String name(NodeInfo node) {
        String path = node.path();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
