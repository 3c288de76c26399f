package org.stowage.engine.internal.facade;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.stowage.api.repository.DataPlacement;
import org.stowage.api.repository.FoundEntry;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.RepositoryStats;
import org.stowage.api.repository.SnapshotDiff;
import org.stowage.api.repository.SnapshotFile;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotService;
import org.stowage.api.repository.StowageException;
import org.stowage.api.repository.TagChange;
import org.stowage.engine.internal.browse.Dumper;
import org.stowage.engine.internal.browse.Retagger;
import org.stowage.engine.internal.browse.SnapshotDiffer;
import org.stowage.engine.internal.browse.SnapshotFileChannel;
import org.stowage.engine.internal.browse.SnapshotSearch;
import org.stowage.engine.internal.browse.StatsCounter;
import org.stowage.engine.internal.browse.Trees;
import org.stowage.engine.internal.check.TreeWalker;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;

/**
 * {@link SnapshotService} on the engine: lists snapshots and walks their trees. A listing loads one tree blob per
 * directory it shows. Thread-safe.
 */
public final class EngineSnapshotService implements SnapshotService {

    private final RepositoryAccess access;

    public EngineSnapshotService(Supplier<Repository> repository) {
        this.access = new RepositoryAccess(repository);
    }

    @Override
    public List<SnapshotInfo> snapshots() {
        return access.call("listing snapshots", repo -> repo.snapshots().stream().map(SnapshotFinder::info).toList());
    }

    @Override
    public SnapshotInfo snapshot(String idOrPrefix) {
        return access.call("finding snapshot " + idOrPrefix, repo -> SnapshotFinder.info(
                SnapshotFinder.find(repo, idOrPrefix)));
    }

    @Override
    public List<NodeInfo> list(String snapshot, String path, boolean recursive) {
        return access.call("listing " + path + " in snapshot " + snapshot, repo -> {
            SnapshotRecord record = SnapshotFinder.find(repo, snapshot);
            List<NodeInfo> out = new ArrayList<>();
            BlobId tree = record.snapshot().tree();
            String prefix = "";
            for (String name : names(path)) {
                Node node = entry(repo, tree, name, path);
                prefix += "/" + name;
                if (node.type() != NodeType.DIR) {
                    return List.of(info(prefix, node));
                }
                tree = node.subtree();
            }
            add(repo, tree, prefix, recursive, out);
            return out;
        });
    }

    @Override
    public DataPlacement placement(String snapshot) {
        return access.call("finding where the data of snapshot " + snapshot + " lies", repo -> {
            SnapshotRecord record = SnapshotFinder.find(repo, snapshot);
            Set<PackedBlob> blobs = new HashSet<>();
            TreeWalker walker = new TreeWalker(repo);
            walker.addRoot(record.snapshot().tree(), "snapshot " + record.id().substring(0, 8));
            walker.walk(new TreeWalker.Visitor() {
                @Override
                public void tree(BlobId id, String path, Tree tree) {
                    repo.lookup(BlobKind.TREE, id).ifPresent(blobs::add);
                    for (Node node : tree.nodes()) {
                        node.content().forEach(data -> repo.lookup(BlobKind.DATA, data).ifPresent(blobs::add));
                    }
                }

                @Override
                public void unreadable(BlobId id, String path, Exception problem) {
                    throw new StowageException("tree " + id.hex() + " at " + path + " of snapshot " + snapshot
                            + " is unreadable (" + problem.getMessage() + "); run stowage:check", problem);
                }
            });
            long stored = 0;
            Map<String, Long> onDevice = new TreeMap<>();
            for (PackedBlob blob : blobs) {
                stored += blob.storedLength();
                for (String device : repo.copies().copiesOf(blob.packId())) {
                    onDevice.merge(device, (long) blob.storedLength(), Long::sum);
                }
            }
            return new DataPlacement(stored, onDevice);
        });
    }

    private static void add(Repository repo, BlobId tree, String prefix, boolean recursive, List<NodeInfo> out)
            throws IOException {
        if (tree == null) {
            return; // a directory that could not be read at backup time
        }
        for (Node node : load(repo, tree).nodes()) {
            String path = prefix + "/" + node.name();
            out.add(info(path, node));
            if (recursive && node.type() == NodeType.DIR) {
                add(repo, node.subtree(), path, true, out);
            }
        }
    }

    private static Tree load(Repository repo, BlobId tree) throws IOException {
        return Trees.load(repo, tree);
    }

    private static List<String> names(String path) {
        return Trees.names(path);
    }

    static NodeInfo info(String path, Node node) {
        return Trees.info(path, node);
    }

    private static Node entry(Repository repo, BlobId tree, String name, String path) throws IOException {
        for (Node node : load(repo, tree).nodes()) {
            if (node.name().equals(name)) {
                return node;
            }
        }
        throw new StowageException("path " + path + " is not in the snapshot; list its parent to see what is");
    }

    @Override
    public SnapshotDiff diff(String from, String to) {
        return access.call("comparing snapshot " + from + " with " + to, repo -> {
            SnapshotRecord a = SnapshotFinder.find(repo, from);
            SnapshotRecord b = SnapshotFinder.find(repo, to);
            return new SnapshotDiff(a.id(), b.id(),
                    new SnapshotDiffer(repo).diff(a.snapshot().tree(), b.snapshot().tree()));
        });
    }

    @Override
    public List<FoundEntry> find(String pattern, List<String> snapshots) {
        return access.call("finding '" + pattern + "' in snapshots", repo -> {
            SnapshotSearch search = new SnapshotSearch(repo, pattern, false);
            return search.find(resolve(repo, snapshots));
        });
    }

    @Override
    public NodeInfo dump(String snapshot, String path, OutputStream out) {
        return access.call("dumping " + path + " of snapshot " + snapshot, repo ->
                new Dumper(repo).dump(SnapshotFinder.find(repo, snapshot).snapshot(), path, out));
    }

    @Override
    public SnapshotFile open(String snapshot, String path) {
        return access.call("opening " + path + " of snapshot " + snapshot, repo -> {
            Snapshot found = SnapshotFinder.find(repo, snapshot).snapshot();
            Node node = Trees.entry(repo, found.tree(), path);
            String normalized = "/" + String.join("/", Trees.names(path));
            if (node == null || node.type() != NodeType.FILE) {
                throw new StowageException(normalized + " is " + (node == null ? "the snapshot's root" : "a "
                        + node.type().name().toLowerCase()) + ", not a file: only files open for reading");
            }
            return SnapshotFileChannel.open(repo, node, normalized,
                    id -> access.repository().loadBlob(BlobKind.DATA, id));
        });
    }

    @Override
    public RepositoryStats stats(List<String> snapshots) {
        return access.call("counting the sizes of snapshots", repo -> new StatsCounter(repo).count(
                resolve(repo, snapshots)));
    }

    @Override
    public List<SnapshotInfo> tag(List<String> snapshots, TagChange change) {
        return access.call("changing the tags of snapshots " + snapshots, repo -> new Retagger(repo)
                .retag(resolve(repo, snapshots), change).stream().map(SnapshotFinder::info).toList());
    }

    /** The named snapshots, each once, in the order given; every snapshot (oldest first) for an empty list. */
    private static List<SnapshotRecord> resolve(Repository repo, List<String> snapshots) throws IOException {
        if (snapshots == null || snapshots.isEmpty()) {
            return repo.snapshots();
        }
        Map<String, SnapshotRecord> found = new LinkedHashMap<>();
        for (String id : snapshots) {
            SnapshotRecord record = SnapshotFinder.find(repo, id);
            found.putIfAbsent(record.id(), record);
        }
        return List.copyOf(found.values());
    }
}
