package org.stowage.engine.internal.archiver;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

import org.stowage.api.repository.DryRunResult;
import org.stowage.api.repository.ProgressListener;
import org.stowage.engine.internal.selection.Selection;
import org.stowage.engine.internal.tree.Node;

/**
 * What a backup would store, found by the same walk and selection as the backup's, without reading any file's
 * content and without a repository. Stateless.
 */
public final class DryRun {

    private DryRun() {
    }

    /**
     * Hands each entry a backup of {@code paths} with {@code selection} would store to {@code entries}, in walk
     * order, and counts them. The nodes carry metadata only (no content, no link target).
     *
     * @throws org.stowage.api.repository.StowageException if a path does not exist
     */
    public static DryRunResult run(List<Path> paths, Selection selection, BiConsumer<Path, Node> entries,
                                   ProgressListener listener) {
        SourcePaths.of(paths); // fails on a missing path as the backup would
        long[] counts = new long[5]; // files, dirs, others, bytes, errors
        SelectionWalk walk = new SelectionWalk(new SourceFilter(selection), () -> false, new SelectionWalk.Visitor() {
            @Override
            public void entry(Path path, SourceMeta meta) {
                switch (meta.type()) {
                    case FILE -> {
                        counts[0]++;
                        counts[3] += meta.size();
                    }
                    case DIR -> counts[1]++;
                    case SYMLINK, OTHER -> counts[2]++;
                }
                String name = path.getFileName() == null ? "/" : path.getFileName().toString();
                entries.accept(path, meta.node(name, List.of(), null, null, null));
            }

            @Override
            public void problem(Path path, String message) {
                counts[4]++;
                listener.warning(path.toString(), message);
            }
        });
        walk.walk(SourcePaths.normalize(paths));
        return new DryRunResult(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }
}
