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

import org.stowage.engine.internal.posix.NativePaths;
import org.stowage.engine.internal.tree.Node;

/**
 * Walks source directories depth-first in the calling thread, never following symbolic links: reads each entry's
 * metadata (with extended attributes, {@link XattrReader}), hands regular files to the {@link FileArchiver} (a
 * hard-linked file once, {@link HardLinks}) and builds a {@link PendingDir} per directory.
 * Entries are visited in name order; the {@link SourceFilter} leaves out what the backup's selection excludes.
 * Not thread-safe: one walker per run.
 */
final class SourceWalker {

    private final ArchiveContext context;
    private final FileArchiver files;
    private final BlobSaver saver;
    private final ParentTrees parents;
    private final SourceFilter filter;
    private final XattrReader xattrs;
    private final HardLinks hardLinks;

    SourceWalker(ArchiveContext context, FileArchiver files, BlobSaver saver, ParentTrees parents,
                 SourceFilter filter, XattrReader xattrs) {
        this.context = context;
        this.files = files;
        this.saver = saver;
        this.parents = parents;
        this.filter = filter;
        this.xattrs = xattrs;
        this.hardLinks = new HardLinks(context);
    }

    /**
     * Adds a backed-up path to {@code into} with everything below it that the selection admits (the path itself is
     * always admitted); {@code previous} is the parent snapshot's dir listing.
     */
    void entry(PendingDir into, Path path, String name, SourceMeta meta, Map<String, Node> previous)
            throws InterruptedException {
        entry(into, path, name, meta, SourceFilter.Admission.WHOLE, previous);
    }

    private void entry(PendingDir into, Path path, String name, SourceMeta unread, SourceFilter.Admission admission,
                       Map<String, Node> previous) throws InterruptedException {
        String rawName = NativePaths.rawName(path, name); // null unless the name is not valid UTF-8
        String key = Node.key(name, rawName);
        SourceMeta meta = xattrs.read(path, unread);
        switch (meta.type()) {
            case FILE -> into.add(raw(hardLinks.file(meta, name,
                    () -> files.archive(path, name, meta, previous.get(key))), rawName));
            case DIR -> directory(into.addDir(name, rawName, meta), path, meta, admission,
                    parents.child(previous, key));
            case SYMLINK -> into.add(CompletableFuture.completedFuture(symlink(path, name, rawName, meta)));
            case OTHER -> into.add(CompletableFuture.completedFuture(
                    meta.node(name, rawName, List.of(), null, null, null)));
        }
    }

    private static CompletableFuture<Node> raw(CompletableFuture<Node> node, String rawName) {
        return rawName == null ? node : node.thenApply(n -> n.renamed(n.name(), rawName));
    }

    /** Walks a real directory and what it admits below it into {@code pending}, then seals it. */
    private void directory(PendingDir pending, Path dir, SourceMeta meta, SourceFilter.Admission admission,
                           Map<String, Node> previous) throws InterruptedException {
        context.stats.dirs.increment();
        walk(pending, dir, meta, admission, previous);
        pending.seal(saver);
    }

    /** Adds the entries of {@code dir}, a backed-up path, to {@code pending} (which the caller seals). */
    void walk(PendingDir pending, Path dir, Map<String, Node> previous) throws InterruptedException, IOException {
        walk(pending, dir, context.onSource(dir, d -> SourceMeta.read(d, context.ownerNames)),
                SourceFilter.Admission.WHOLE, previous);
    }

    private void walk(PendingDir pending, Path dir, SourceMeta meta, SourceFilter.Admission admission,
                      Map<String, Node> previous) throws InterruptedException {
        List<Path> children;
        try {
            children = context.onSource(dir, d -> filter.children(d, admission));
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
            SourceFilter.Admitted admitted;
            try {
                admitted = context.onSource(child, c -> filter.admit(c, meta, context.ownerNames, context::error));
            } catch (IOException e) {
                context.error(child, "cannot read metadata: " + FileArchiver.describe(e)
                        + "; the entry is left out of the snapshot");
                continue;
            }
            if (admitted.admission() != SourceFilter.Admission.LEFT_OUT) {
                entry(pending, child, child.getFileName().toString(), admitted.meta(), admitted.admission(), previous);
            }
        }
    }

    private Node symlink(Path path, String name, String rawName, SourceMeta meta) {
        try {
            return meta.node(name, rawName, List.of(), null, context.onSource(path, Files::readSymbolicLink).toString(),
                    null);
        } catch (IOException e) {
            String reason = "cannot read link target: " + FileArchiver.describe(e);
            context.error(path, reason);
            return meta.node(name, rawName, List.of(), null, null, reason);
        }
    }

    /** The entries of {@code dir} in name order. */
    static List<Path> list(Path dir) throws IOException {
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
