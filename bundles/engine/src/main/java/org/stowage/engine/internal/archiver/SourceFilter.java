package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import org.stowage.engine.internal.selection.CacheDirTag;
import org.stowage.engine.internal.selection.ExcludeRules;
import org.stowage.engine.internal.selection.Selection;
import org.stowage.engine.internal.tree.NodeType;

/**
 * Applies a {@link Selection} to the entries of a walk, for the backup's walk, its scanner and the dry run alike,
 * so that all three leave out the same entries. An entry the patterns exclude by its path is left out before its
 * metadata is read; every other test uses the one stat the walk does anyway, plus one per folder for each tag file
 * name. Thread-safe (the selection is immutable).
 */
final class SourceFilter {

    /** How much of an entry goes into the snapshot. */
    enum Admission {
        LEFT_OUT,
        /** The entry, and for a folder everything below it that is admitted in turn. */
        WHOLE,
        /** A cache folder: the folder and its CACHEDIR.TAG, nothing else. */
        TAG_ONLY,
        /** A mount point of another file system: the folder without its content. */
        EMPTY
    }

    /** An entry with the metadata read for it (null when it was left out by its path). */
    record Admitted(Admission admission, SourceMeta meta) {
        static final Admitted LEFT_OUT_UNREAD = new Admitted(Admission.LEFT_OUT, null);
    }

    /** Receives a problem with one entry that the walk goes on after. */
    interface Problems {
        void report(Path path, String message);
    }

    private final Selection selection;
    private final ExcludeRules rules;

    SourceFilter(Selection selection) {
        this.selection = selection;
        this.rules = selection.rules();
    }

    /**
     * Decides on the entry {@code child} of {@code folder}, reading its metadata only when its path does not
     * already exclude it.
     *
     * @throws IOException if the metadata cannot be read
     */
    Admitted admit(Path child, SourceMeta folder, OwnerNames names, Problems problems) throws IOException {
        ExcludeRules.Verdict verdict = rules.isEmpty() ? ExcludeRules.Verdict.INCLUDED
                : rules.byPath(child.toString(), child.getFileName().toString());
        if (verdict == ExcludeRules.Verdict.EXCLUDED) {
            return Admitted.LEFT_OUT_UNREAD;
        }
        SourceMeta meta = SourceMeta.read(child, names);
        boolean isFolder = meta.type() == NodeType.DIR;
        if (verdict == ExcludeRules.Verdict.NEEDS_TYPE
                && rules.excluded(child.toString(), child.getFileName().toString(), isFolder)) {
            return new Admitted(Admission.LEFT_OUT, meta);
        }
        long limit = selection.excludeLargerThan();
        if (meta.type() == NodeType.FILE && limit > 0 && meta.size() > limit) {
            return new Admitted(Admission.LEFT_OUT, meta);
        }
        return new Admitted(isFolder ? folder(child, meta, folder, problems) : Admission.WHOLE, meta);
    }

    /** The entries to walk below {@code folder}, admitted as {@code admission}, in name order. */
    List<Path> children(Path folder, Admission admission) throws IOException {
        return switch (admission) {
            case WHOLE -> SourceWalker.list(folder);
            case TAG_ONLY -> List.of(folder.resolve(CacheDirTag.NAME));
            case EMPTY, LEFT_OUT -> List.of();
        };
    }

    private Admission folder(Path child, SourceMeta meta, SourceMeta parent, Problems problems) throws IOException {
        for (String name : selection.excludeIfPresent()) {
            if (Files.exists(child.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                return Admission.LEFT_OUT;
            }
        }
        if (selection.oneFileSystem() && FileSystemBoundary.crossed(parent, meta, child)) {
            return Admission.EMPTY;
        }
        if (selection.excludeCaches()) {
            try {
                if (CacheDirTag.tags(child)) {
                    return Admission.TAG_ONLY;
                }
            } catch (IOException e) {
                problems.report(child, "cannot read its " + CacheDirTag.NAME + " (" + FileArchiver.describe(e)
                        + "); the folder is backed up as if it were no cache");
            }
        }
        return Admission.WHOLE;
    }
}
