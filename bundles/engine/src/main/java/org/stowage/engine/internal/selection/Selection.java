package org.stowage.engine.internal.selection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.stowage.api.repository.BackupSelection;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.snapshot.SnapshotSelection;

/**
 * A {@link BackupSelection} made ready for a walk: exclude files and the files-from list read, patterns compiled
 * in their order (exclude files', then {@code exclude}, then {@code iexclude}; the last match decides). Built once
 * per backup, before anything is written, so that a bad pattern or an unreadable file fails the backup at once.
 * Immutable and thread-safe.
 */
public final class Selection {

    public static final Selection EVERYTHING = new Selection(ExcludeRules.NONE, BackupSelection.EVERYTHING,
            List.of(), List.of());

    private final ExcludeRules rules;
    private final BackupSelection request;
    private final List<SnapshotSelection.ExcludeFile> excludeFiles;
    private final List<Path> listedPaths;

    private Selection(ExcludeRules rules, BackupSelection request, List<SnapshotSelection.ExcludeFile> excludeFiles,
                      List<Path> listedPaths) {
        this.rules = rules;
        this.request = request;
        this.excludeFiles = List.copyOf(excludeFiles);
        this.listedPaths = List.copyOf(listedPaths);
    }

    /**
     * Reads the files {@code request} names and compiles its patterns.
     *
     * @throws StowageException naming the file (and line) or the pattern that is wrong
     */
    public static Selection of(BackupSelection request) {
        if (request.isEverything()) {
            return EVERYTHING;
        }
        List<PathPattern> patterns = new ArrayList<>();
        List<SnapshotSelection.ExcludeFile> files = new ArrayList<>();
        for (Path file : request.excludeFiles()) {
            List<String> read = new ArrayList<>();
            for (ListFile.Line line : ListFile.read(file, "exclude file")) {
                patterns.add(compile(line.text(), false, "exclude file " + file + " line " + line.number() + ": "));
                read.add(line.text());
            }
            files.add(new SnapshotSelection.ExcludeFile(file.toString(), read));
        }
        request.exclude().forEach(p -> patterns.add(compile(p, false, "--exclude/exclude: ")));
        request.iexclude().forEach(p -> patterns.add(compile(p, true, "--iexclude/iexclude: ")));
        List<Path> listed = request.filesFrom() == null ? List.of() : listedPaths(request.filesFrom());
        return new Selection(new ExcludeRules(patterns), request, files, listed);
    }

    public ExcludeRules rules() {
        return rules;
    }

    public boolean excludeCaches() {
        return request.excludeCaches();
    }

    public List<String> excludeIfPresent() {
        return request.excludeIfPresent();
    }

    /** Files above this many bytes are left out; 0 for no limit. */
    public long excludeLargerThan() {
        return request.excludeLargerThan();
    }

    public boolean oneFileSystem() {
        return request.oneFileSystem();
    }

    /** The paths the files-from list named, in its order. */
    public List<Path> listedPaths() {
        return listedPaths;
    }

    /** Whether the walk must look at anything besides the type of each entry. */
    public boolean leavesNothingOut() {
        return rules.isEmpty() && !excludeCaches() && excludeIfPresent().isEmpty() && excludeLargerThan() == 0
                && !oneFileSystem();
    }

    /** What the snapshot records; null when everything below the paths was backed up. */
    public SnapshotSelection record() {
        if (request.isEverything()) {
            return null;
        }
        return new SnapshotSelection(request.exclude(), request.iexclude(), excludeFiles, request.excludeCaches(),
                request.excludeIfPresent(), request.excludeLargerThan(), request.oneFileSystem(),
                request.filesFrom() == null ? null : request.filesFrom().toString());
    }

    private static PathPattern compile(String pattern, boolean ignoreCase, String where) {
        try {
            return PathPattern.compile(pattern, ignoreCase);
        } catch (IllegalArgumentException e) {
            throw new StowageException(where + e.getMessage(), e);
        }
    }

    private static List<Path> listedPaths(Path file) {
        List<Path> paths = new ArrayList<>();
        for (ListFile.Line line : ListFile.read(file, "files-from list")) {
            Path path;
            try {
                path = Path.of(line.text());
            } catch (java.nio.file.InvalidPathException e) {
                throw new StowageException("files-from list " + file + " line " + line.number() + ": '" + line.text()
                        + "' is not a valid path: " + e.getReason(), e);
            }
            if (!path.isAbsolute()) {
                throw new StowageException("files-from list " + file + " line " + line.number() + ": '" + line.text()
                        + "' is not an absolute path; write paths from '/'");
            }
            paths.add(path.normalize());
        }
        if (paths.isEmpty()) {
            throw new StowageException("files-from list " + file + " names no path; write one absolute path per line");
        }
        return paths;
    }
}
