package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.stowage.engine.internal.tree.NodeType;

/**
 * Walks backed-up paths depth-first in name order with a {@link SourceFilter}, as the backup's {@link SourceWalker}
 * does, and shows each admitted entry to a visitor without reading any content: for the {@link Scanner}'s totals
 * and the {@link DryRun}. Never follows symbolic links. Not thread-safe: one walk per thread.
 */
final class SelectionWalk {

    /** Sees the admitted entries (the backed-up paths included) and the problems met. */
    interface Visitor {
        void entry(Path path, SourceMeta meta);

        void problem(Path path, String message);
    }

    private final SourceFilter filter;
    private final OwnerNames names = new OwnerNames();
    private final BooleanSupplier stopped;
    private final Visitor visitor;

    SelectionWalk(SourceFilter filter, BooleanSupplier stopped, Visitor visitor) {
        this.filter = filter;
        this.stopped = stopped;
        this.visitor = visitor;
    }

    /** Walks each of {@code paths} (absolute, normalized, none below another) until done or stopped. */
    void walk(List<Path> paths) {
        for (Path path : paths) {
            if (stopped.getAsBoolean()) {
                return;
            }
            try {
                visit(path, SourceMeta.read(path, names), SourceFilter.Admission.WHOLE);
            } catch (IOException e) {
                visitor.problem(path, "cannot read metadata: " + FileArchiver.describe(e));
            }
        }
    }

    private void visit(Path path, SourceMeta meta, SourceFilter.Admission admission) {
        visitor.entry(path, meta);
        if (meta.type() != NodeType.DIR) {
            return;
        }
        List<Path> children;
        try {
            children = filter.children(path, admission);
        } catch (IOException e) {
            visitor.problem(path, "cannot list directory: " + FileArchiver.describe(e));
            return;
        }
        for (Path child : children) {
            if (stopped.getAsBoolean()) {
                return;
            }
            SourceFilter.Admitted admitted;
            try {
                admitted = filter.admit(child, meta, names, visitor::problem);
            } catch (IOException e) {
                visitor.problem(child, "cannot read metadata: " + FileArchiver.describe(e));
                continue;
            }
            if (admitted.admission() != SourceFilter.Admission.LEFT_OUT) {
                visit(child, admitted.meta(), admitted.admission());
            }
        }
    }
}
