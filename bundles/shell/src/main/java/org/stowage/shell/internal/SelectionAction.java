package org.stowage.shell.internal;

import java.nio.file.Path;
import java.util.List;

import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.stowage.api.device.support.ByteSizes;
import org.stowage.api.repository.BackupSelection;

/**
 * The selection options of a backup (what below its paths is left out, and a file of more paths), kept apart from
 * {@link BackupCommand} so that it stays about running the backup. Pattern syntax: docs/selection.md.
 */
abstract class SelectionAction extends StowageAction {

    @Option(name = "--exclude", aliases = "-e", description = "Leave out what matches this gitignore-style pattern "
            + "(repeatable; '/' first anchors at the root, '/' last means folders only, '**' any folders, '!' "
            + "includes again; the last matching pattern decides)", multiValued = true)
    List<String> exclude;

    @Option(name = "--iexclude", description = "As --exclude, ignoring case (repeatable)", multiValued = true)
    List<String> iexclude;

    @Option(name = "--exclude-file", description = "A file of exclude patterns, one per line; '#' starts a comment "
            + "(repeatable)", multiValued = true)
    List<String> excludeFiles;

    @Option(name = "--exclude-caches", description = "Leave out the content of folders tagged with a CACHEDIR.TAG "
            + "file (the folder and the tag are kept)")
    boolean excludeCaches;

    @Option(name = "--exclude-if-present", description = "Leave out folders that hold a file of this name "
            + "(repeatable)", multiValued = true)
    List<String> excludeIfPresent;

    @Option(name = "--exclude-larger-than", description = "Leave out files larger than this size, e.g. 500m, 2g")
    String excludeLargerThan;

    @Option(name = "--one-file-system", aliases = "-x", description = "Stay on the file system of each path "
            + "(mount points are kept as empty folders)")
    boolean oneFileSystem;

    @Option(name = "--files-from", description = "A file listing more absolute paths to back up, one per line")
    String filesFrom;

    /** The options as a selection; files are made absolute against the session's current directory. */
    BackupSelection selection(Session session) throws CommandException {
        long largerThan = 0;
        if (excludeLargerThan != null) {
            try {
                largerThan = ByteSizes.parse(excludeLargerThan);
            } catch (IllegalArgumentException e) {
                throw new CommandException("--exclude-larger-than " + e.getMessage(), e);
            }
        }
        List<Path> files = orEmpty(excludeFiles).stream().map(f -> Consoles.absolute(session, f)).toList();
        try {
            return new BackupSelection(orEmpty(exclude), orEmpty(iexclude), files, excludeCaches,
                    orEmpty(excludeIfPresent), largerThan, oneFileSystem,
                    filesFrom == null ? null : Consoles.absolute(session, filesFrom));
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
