package org.stowage.engine.internal.volume;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;

/**
 * Where a volume's snapshots and records are: a volume snapshot has the one path {@code volume:<name>} (never a file
 * path, so a file backup never takes it for its parent) and a root tree of one {@link NodeType#VOLUME} entry named
 * after the volume, whose subtree is the head of its block-state record. Stateless.
 */
public final class VolumeRecords {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final String PREFIX = "volume:";

    private VolumeRecords() {
    }

    /** @throws IllegalArgumentException naming the rule when {@code name} is not a valid volume name */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("volume name '" + name + "' is not valid: use 1-64 of a-z 0-9 . _ -,"
                    + " starting with a letter or digit");
        }
        return name;
    }

    /** The snapshot path that marks a snapshot of volume {@code name}. */
    public static String path(String name) {
        return PREFIX + name;
    }

    /** The volume a snapshot holds, or empty for a file snapshot. */
    public static Optional<String> volumeOf(SnapshotRecord snapshot) {
        List<String> paths = snapshot.snapshot().paths();
        return paths.size() == 1 && paths.get(0).startsWith(PREFIX) ? Optional.of(paths.get(0).substring(PREFIX.length()))
                : Optional.empty();
    }

    /** The volume's snapshots from any host, oldest first, complete ones only. */
    public static List<SnapshotRecord> snapshots(Repository repo, String name) throws IOException {
        return snapshots(repo, name, null);
    }

    /**
     * The volume's snapshots taken on {@code host} (null: any host), oldest first, complete ones only. A volume is
     * configured per host, so two hosts sharing a repository may each have a volume of the same name: a backup's
     * parent, "latest" and the block-state query only look at this host's, as a file backup's parent does.
     */
    public static List<SnapshotRecord> snapshots(Repository repo, String name, String host) throws IOException {
        return repo.snapshots().stream()
                .filter(s -> s.snapshot().incompleteReason() == null && volumeOf(s).filter(name::equals).isPresent()
                        && (host == null || host.equals(s.snapshot().host())))
                .toList();
    }

    /** The volume's latest complete snapshot taken on {@code host} (null: any), if any. */
    public static Optional<SnapshotRecord> latest(Repository repo, String name, String host) throws IOException {
        List<SnapshotRecord> all = snapshots(repo, name, host);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The volume entry of a volume snapshot's root tree. */
    public static Node node(Repository repo, SnapshotRecord snapshot) throws IOException {
        Tree root = Json.read(repo.loadBlob(BlobKind.TREE, snapshot.snapshot().tree()), Tree.class);
        return root.nodes().stream().filter(n -> n.type() == NodeType.VOLUME).findFirst()
                .orElseThrow(() -> new StowageException("snapshot " + snapshot.id().substring(0, 8) + " holds no volume"
                        + " (it is a file snapshot of " + snapshot.snapshot().paths() + "); restore it with"
                        + " stowage:restore"));
    }

    /** The block-state record a volume snapshot committed. */
    public static BlockMap record(Repository repo, SnapshotRecord snapshot) throws IOException {
        return BlockMapPages.load(repo, node(repo, snapshot).subtree());
    }
}
