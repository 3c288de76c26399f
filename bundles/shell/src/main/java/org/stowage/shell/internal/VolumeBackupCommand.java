package org.stowage.shell.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.stowage.api.volume.VolumeBackupResult;
import org.stowage.api.volume.VolumeService;

/** Backs a volume up: tracked (dirty blocks only), by hash comparison, or in full. */
@Service
@Command(scope = "stowage", name = "volume-backup", description = "Backs a volume up in blocks: an exported volume"
        + " reads only its dirty blocks, another one every block compared by hash; --full copies every block.")
public class VolumeBackupCommand extends StowageAction {

    @Argument(index = 0, name = "volume", required = true, description = "The volume's name")
    @Completion(VolumeNameCompleter.class)
    String volume;

    @Option(name = "--full", description = "Read and store every block in order (a complete copy)")
    boolean full;

    @Option(name = "--tag", multiValued = true, description = "Tag for the snapshot (repeatable)")
    List<String> tags;

    @Option(name = "--json", description = "Print JSON for scripts")
    boolean json;

    @Reference(optional = true)
    VolumeService volumeService;

    @Reference
    Session session;

    @Override
    void run() throws Exception {
        VolumeService service = require(volumeService, VolumeService.class);
        ProgressPrinter progress = Consoles.progress(session, out);
        VolumeBackupResult r;
        try {
            r = service.backup(volume, full, tags == null ? Set.of() : new LinkedHashSet<>(tags), progress);
        } finally {
            progress.finish();
        }
        if (json) {
            Json.print(out, r);
            return;
        }
        out.printf("Snapshot %s of volume %s saved (%s): read %d blocks, %s of %s; added %d blobs, %s stored;"
                        + " took %s%n", r.snapshot().substring(0, 8), volume, r.mode(), r.blocksRead(),
                Bytes.format(r.bytesRead()), Bytes.format(r.volumeSize()), r.blobsAdded(),
                Bytes.format(r.bytesStored()), Durations.format(r.duration()));
    }
}
