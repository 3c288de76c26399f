package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RestoreRequest.Overwrite;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.memory.WorkerThreads;
import org.stowage.engine.internal.posix.NativePaths;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.selection.ExcludeRules;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;

/**
 * Walks a snapshot's trees into a {@link RestorePlan}. Directories are created as they are reached, each checked to
 * be a real directory (never a symbolic link) before anything is placed in it; each file gets a temporary name in
 * its final directory, created ({@code CREATE_NEW}) by the {@link BlobWriter} at its first write, so planning
 * creates no files and the first pack is read at once. Subtrees are planned in parallel on a small fork-join pool
 * (loading trees and creating directories is system-call and parsing work that otherwise ran alone before the first
 * pack was read); a directory is created before its subtree is planned. Entries with unsafe names, directories
 * that cannot be created, and files with missing blobs become failures, and nothing is written for them. The first
 * name of a hard-linked file met by the planning is restored as usual; later names become hard links of it. Call its
 * methods from one thread at a time; each returns when everything it started is planned.
 */
final class RestorePlanner implements AutoCloseable {

    static final String TEMP_PREFIX = ".stowage-restore-";

    private final Repository repository;
    private final ProgressListener listener;
    private final RestorePlan plan = new RestorePlan();
    private final WorkerThreads workers = WorkerThreads.named("stowage-restore-plan-");
    private final ForkJoinPool pool;
    private final Path root;
    private final ExcludeRules excludes;
    private final Overwrite overwrite;

    /** @param threads threads that load trees and create directories (subtrees are planned in parallel) */
    RestorePlanner(Repository repository, ProgressListener listener, int threads) {
        this(repository, listener, threads, null, ExcludeRules.NONE, Overwrite.ALWAYS);
    }

    /**
     * @param root      the restore target, which stands for the snapshot's root: an entry's path inside the
     *                  snapshot is its path relative to it (needed only with excludes)
     * @param excludes  entries not to plan, by their path inside the snapshot; an excluded directory is not entered
     * @param overwrite what to do with a non-directory whose place in the target is taken ({@link Existing})
     */
    RestorePlanner(Repository repository, ProgressListener listener, int threads, Path root, ExcludeRules excludes,
                   Overwrite overwrite) {
        this.repository = repository;
        this.listener = listener;
        this.pool = new ForkJoinPool(Math.max(1, threads), workers, null, false);
        this.root = root;
        this.excludes = excludes;
        this.overwrite = overwrite;
    }

    RestorePlan plan() {
        return plan;
    }

    /** Stops the planning threads. */
    @Override
    public void close() {
        workers.stop(pool);
    }

    /** Plans everything in {@code tree} below {@code dir}, an existing real directory; returns when all is planned. */
    void tree(BlobId tree, Path dir) {
        pool.invoke(new Subtree(tree, dir));
    }

    /** One tree's entries; the subtrees of its directories are planned by forked tasks once each directory exists. */
    private final class Subtree extends RecursiveAction {
        private final BlobId tree;
        private final Path dir;

        Subtree(BlobId tree, Path dir) {
            this.tree = tree;
            this.dir = dir;
        }

        @Override
        protected void compute() {
            List<Subtree> below = new ArrayList<>();
            walk(tree, dir, below);
            invokeAll(below);
        }
    }

    private void walk(BlobId tree, Path dir, List<Subtree> below) {
        Tree loaded;
        try {
            loaded = Json.read(repository.loadBlob(BlobKind.TREE, tree), Tree.class);
        } catch (IOException | StowageException e) {
            plan.fail(dir, "cannot read its tree " + tree.shortHex() + " (" + e.getMessage() + "); nothing below it"
                    + " is restored, run a check of the repository");
            return;
        }
        for (Node node : loaded.nodes()) {
            String refusal = EntryNames.refusal(node.name());
            if (refusal == null && node.rawName() != null) {
                refusal = NativePaths.refusal(node.rawName());
            }
            if (refusal != null) {
                plan.fail(dir, "refused " + refusal + "; the entry is not restored");
                continue;
            }
            entry(node, node.rawName() == null ? dir.resolve(node.name()) : NativePaths.child(dir, node.rawName()),
                    below);
        }
    }

    /** Plans one entry at {@code path} (its parent exists and is a real directory); returns when all is planned. */
    void entry(Node node, Path path) {
        List<Subtree> below = new ArrayList<>();
        entry(node, path, below);
        below.forEach(pool::invoke);
    }

    /** Plans one entry; a directory's subtree is added to {@code below} for the caller to plan. */
    private void entry(Node node, Path path, List<Subtree> below) {
        if (excluded(node, path)) {
            return;
        }
        if (Existing.keep(overwrite, node, path)) {
            plan.skipped.incrementAndGet();
            return;
        }
        if (node.type() != NodeType.DIR && node.hardLinked()) {
            Path origin = plan.linkOrigin(node, path);
            if (origin != null) {
                plan.hardLinks.add(new RestorePlan.HardLink(path, origin, node));
                return;
            }
        }
        switch (node.type()) {
            case DIR -> {
                if (directory(path)) {
                    plan.dirs.add(new RestorePlan.Dir(path, node));
                    if (node.subtree() != null) {
                        below.add(new Subtree(node.subtree(), path));
                    }
                }
            }
            case FILE -> file(node, path);
            case SYMLINK -> plan.links.add(new RestorePlan.Link(path, node));
            case OTHER -> plan.specials.add(new RestorePlan.Link(path, node));
            case VOLUME -> plan.fail(path, "is a volume (block image), which a file restore does not write; restore it"
                    + " with stowage:volume-restore");
        }
    }

    private boolean excluded(Node node, Path path) {
        if (excludes.isEmpty()) {
            return false;
        }
        StringBuilder inSnapshot = new StringBuilder();
        for (Path name : root.relativize(path)) {
            inSnapshot.append('/').append(name);
        }
        return excludes.excluded(inSnapshot.toString(), node.name(), node.type() == NodeType.DIR);
    }

    /** Creates {@code path} if missing; true if it is now a real directory. */
    boolean directory(Path path) {
        try {
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(path);
            }
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
            plan.fail(path, "exists and is not a directory; nothing below it is restored");
        } catch (IOException e) {
            plan.fail(path, "cannot create directory (" + e + "); nothing below it is restored");
        }
        return false;
    }

    private void file(Node node, Path path) {
        if (node.error() != null) {
            plan.fail(path, "was not readable at backup time (" + node.error() + "); not restored");
            return;
        }
        List<PackedBlob> blobs = new ArrayList<>();
        long length = 0;
        for (BlobId id : node.content()) {
            Optional<PackedBlob> blob = repository.lookup(BlobKind.DATA, id);
            if (blob.isEmpty()) {
                plan.fail(path, "data blob " + id.shortHex() + " is missing from the index; not restored, run a"
                        + " check of the repository");
                return;
            }
            blobs.add(blob.get());
            length += blob.get().plainLength();
        }
        if (length != node.size()) {
            plan.fail(path, "its blobs hold " + length + " bytes but the snapshot records " + node.size()
                    + "; not restored");
            return;
        }
        create(node, path, blobs);
    }

    private void create(Node node, Path path, List<PackedBlob> blobs) {
        Path temp = path.resolveSibling(TEMP_PREFIX + UUID.randomUUID() + ".tmp");
        RestoreFile file = new RestoreFile(path, temp, node, blobs.size());
        plan.files.add(file);
        long offset = 0;
        for (PackedBlob blob : blobs) {
            plan.place(blob, file, offset);
            offset += blob.plainLength();
        }
    }
}
