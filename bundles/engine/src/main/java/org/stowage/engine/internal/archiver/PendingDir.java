package org.stowage.engine.internal.archiver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.Tree;

/**
 * A directory whose entries are still being archived. The walker adds entries, then {@link #seal}s it; the tree is
 * saved (bottom-up) by whichever thread completes the last entry. After a failed run, {@link #savePartial} saves
 * what did complete, so that an incomplete snapshot keeps it.
 *
 * <p>Entries are added by the walker thread only, before {@link #seal}; {@link #savePartial} runs after all workers
 * have stopped.
 */
final class PendingDir {

    private final String name;
    private final String rawName;
    private final SourceMeta meta;
    private final List<Entry> entries = new ArrayList<>();
    private final CompletableFuture<Node> node = new CompletableFuture<>();
    private String error;

    /** @param name null for the snapshot's root, which has no node of its own */
    PendingDir(String name, SourceMeta meta) {
        this(name, null, meta);
    }

    /** @param rawName the name's bytes where {@code name} does not hold them faithfully, else null */
    PendingDir(String name, String rawName, SourceMeta meta) {
        this.name = name;
        this.rawName = rawName;
        this.meta = meta;
    }

    void add(CompletableFuture<Node> entry) {
        entries.add(new Entry(entry, null));
    }

    /** Adds a subdirectory, to be filled and sealed by the walker. */
    PendingDir addDir(String childName, SourceMeta childMeta) {
        return addDir(childName, null, childMeta);
    }

    /** Adds a subdirectory whose name's bytes are {@code childRawName} (null where {@code childName} holds them). */
    PendingDir addDir(String childName, String childRawName, SourceMeta childMeta) {
        PendingDir dir = new PendingDir(childName, childRawName, childMeta);
        entries.add(new Entry(dir.node, dir));
        return dir;
    }

    /** Marks this directory as unreadable: it is kept with this reason and without entries. */
    void failed(String reason) {
        this.error = reason;
    }

    /** The tree's id once every entry is done; fails if any entry failed. */
    CompletableFuture<BlobId> sealRoot(BlobSaver saver) {
        return CompletableFuture.allOf(entries.stream().map(Entry::node).toArray(CompletableFuture[]::new))
                .thenApply(v -> saver.saveTree(new Tree(entries.stream().map(e -> e.node.join()).toList())));
    }

    /** No more entries: the directory's node completes once its tree is saved. */
    void seal(BlobSaver saver) {
        sealRoot(saver).whenComplete((id, e) -> {
            if (e != null) {
                node.completeExceptionally(e);
            } else {
                node.complete(meta.node(name, rawName, List.of(), id, null, error));
            }
        });
    }

    /** Saves, in the calling thread, the tree of the entries that completed, recursing into unfinished dirs. */
    BlobId savePartial(BlobSaver saver) {
        List<Node> nodes = new ArrayList<>();
        for (Entry e : entries) {
            if (e.node.isDone() && !e.node.isCompletedExceptionally()) {
                nodes.add(e.node.join());
            } else if (e.dir != null) {
                nodes.add(e.dir.meta.node(e.dir.name, e.dir.rawName, List.of(), e.dir.savePartial(saver), null,
                        e.dir.error));
            }
        }
        return saver.saveTree(new Tree(nodes));
    }

    private record Entry(CompletableFuture<Node> node, PendingDir dir) {
    }
}
