package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import org.stowage.engine.internal.tree.Node;

/**
 * Walks source directories depth-first in the calling thread, never following symbolic links: reads each entry's
 * metadata, hands regular files to the {@link FileArchiver} and builds a {@link PendingDir} per directory.
 * Entries are visited in name order. Not thread-safe: one walker per run.
 */
final class SourceWalker {

    private final ArchiveContext context;
    private final FileArchiver files;
    private final BlobSaver saver;
    private final ParentTrees parents;

    SourceWalker(ArchiveContext context, FileArchiver files, BlobSaver saver, ParentTrees parents) {
        this.context = context;
        this.files = files;
        this.saver = saver;
        this.parents = parents;
    }

    /** Adds the entry at {@code path} to {@code into}; {@code previous} is the parent snapshot's dir listing. */
    void entry(PendingDir into, Path path, String name, SourceMeta meta, Map<String, Node> previous)
            throws InterruptedException {
        switch (meta.type()) {
            case FILE -> into.add(files.archive(path, name, meta, previous.get(name)));
            case DIR -> directory(into.addDir(name, meta), path, parents.child(previous, name));
            case SYMLINK -> into.add(CompletableFuture.completedFuture(symlink(path, name, meta)));
            case OTHER -> into.add(CompletableFuture.completedFuture(meta.node(name, List.of(), null, null, null)));
        }
    }

    /** Walks a real directory and everything below it into {@code pending}, then seals it. */
    void directory(PendingDir pending, Path dir, Map<String, Node> previous) throws InterruptedException {
        context.stats.dirs.increment();
        walk(pending, dir, previous);
        pending.seal(saver);
    }

    /** Adds the entries of a real directory to {@code pending} (which the caller seals). */
    void walk(PendingDir pending, Path dir, Map<String, Node> previous) throws InterruptedException {
        List<Path> children;
        try {
            children = list(dir);
        } catch (IOException e) {
            String reason = "cannot list directory: " + FileArchiver.describe(e);
            context.error(dir, reason + "; it is kept in the snapshot without entries");
            pending.failed(reason);
            return;
        }
        for (Path child : children) {
            if (context.cancelled()) {
                throw new CancellationException("backup cancelled while walking " + dir);
            }
            SourceMeta childMeta;
            try {
                childMeta = SourceMeta.read(child, context.ownerNames);
            } catch (IOException e) {
                context.error(child, "cannot read metadata: " + FileArchiver.describe(e)
                        + "; the entry is left out of the snapshot");
                continue;
            }
            entry(pending, child, child.getFileName().toString(), childMeta, previous);
        }
    }

    private Node symlink(Path path, String name, SourceMeta meta) {
        try {
            return meta.node(name, List.of(), null, Files.readSymbolicLink(path).toString(), null);
        } catch (IOException e) {
            String reason = "cannot read link target: " + FileArchiver.describe(e);
            context.error(path, reason);
            return meta.node(name, List.of(), null, null, reason);
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        children.sort(null);
        return children;
    }
}
