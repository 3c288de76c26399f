package org.stowage.engine.internal.archiver;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.stowage.engine.internal.tree.Node;

/**
 * Reads a hard-linked file once per backup: the first name of a (device, inode) met by the walk is archived, every
 * later name waits for it and takes its content (and its read error, if any). Only files whose link count is above
 * 1 are tracked, so the common case costs one comparison. Every name keeps its own node with the content, so that
 * a restore of any part of the snapshot has the data; the restore links the names it restores together. Memory: one
 * map entry per hard-linked file of the run. Called by the walker thread only.
 */
final class HardLinks {

    private final ArchiveContext context;
    private final Map<FileId, CompletableFuture<Node>> first = new HashMap<>();

    HardLinks(ArchiveContext context) {
        this.context = context;
    }

    /** The node of the regular file {@code meta} named {@code name}: archived by {@code archive} unless seen. */
    CompletableFuture<Node> file(SourceMeta meta, String name, Archive archive) throws InterruptedException {
        if (meta.links() <= 1 || meta.inode() == 0) {
            return archive.start();
        }
        FileId id = new FileId(meta.device(), meta.inode());
        CompletableFuture<Node> origin = first.get(id);
        if (origin == null) {
            CompletableFuture<Node> started = archive.start();
            first.put(id, started);
            return started;
        }
        context.fileDone(meta.size());
        return origin.thenApply(o -> meta.withSize(o.size()).node(name, o.content(), null, null, o.error()));
    }

    /** Starts archiving a file. */
    @FunctionalInterface
    interface Archive {
        CompletableFuture<Node> start() throws InterruptedException;
    }

    private record FileId(long device, long inode) {
    }
}
