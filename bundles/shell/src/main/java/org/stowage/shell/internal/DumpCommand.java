package org.stowage.shell.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.SnapshotService;

/**
 * Writes a file of a snapshot to the console or to a file, or a folder as a tar stream to a file. A file is written
 * under a temporary name beside it and renamed when complete, so a failed dump leaves no file that looks whole.
 */
@Service
@Command(scope = "stowage", name = "dump", description = "Writes a file's bytes from a snapshot to the console or "
        + "a file, or a folder as a tar stream to a file.")
public class DumpCommand extends StowageAction {

    @Argument(index = 0, name = "snapshot", description = "Snapshot id, unique prefix, or 'latest'", required = true)
    @Completion(SnapshotIdCompleter.class)
    String snapshot;

    @Argument(index = 1, name = "path", description = "File or folder inside the snapshot", required = true)
    String path;

    @Option(name = "--to", aliases = "-o", description = "File to write (must not exist); required for a folder")
    @Completion(FileCompleter.class)
    String to;

    @Reference(optional = true)
    SnapshotService snapshotService;

    @Reference
    Session session;

    @Override
    void run() throws Exception {
        SnapshotService snapshots = require(snapshotService, SnapshotService.class);
        if (to == null) {
            if (snapshots.list(snapshot, path, false).stream().noneMatch(n -> n.type() == NodeInfo.Type.FILE
                    && Path.of(n.path()).equals(Path.of("/").resolve(path)))) {
                throw new CommandException(path + " is not a file of snapshot " + snapshot + ": a folder dumps as "
                        + "a tar stream, give --to <file.tar>");
            }
            snapshots.dump(snapshot, path, out);
            return;
        }
        Path file = Consoles.absolute(session, to);
        if (Files.exists(file)) {
            throw new CommandException(file + " exists; remove it or name another file with --to");
        }
        Path temp = file.resolveSibling("." + file.getFileName() + ".stowage-dump.tmp");
        NodeInfo node;
        try (OutputStream stream = Files.newOutputStream(temp)) {
            node = snapshots.dump(snapshot, path, stream);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        out.println("Wrote " + (node.type() == NodeInfo.Type.DIR ? "folder " + node.path() + " as tar" : node.path()
                + " (" + Bytes.format(node.size()) + ")") + " to " + file);
    }
}
