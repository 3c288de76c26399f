package org.stowage.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.stowage.api.volume.BlockRange;
import org.stowage.api.volume.BlockState;
import org.stowage.api.volume.VolumeBlocks;
import org.stowage.api.volume.VolumeService;

/** Answers from the block-state record: counts by state, and the ranges of blocks with their state. */
@Service
@Command(scope = "stowage", name = "volume-blocks", description = "Shows a volume's block-state record: blocks per"
        + " state (clean, dirty, copied-on-write, backed-up), whether all are backed up, and the ranges.")
public class VolumeBlocksCommand extends StowageAction {

    @Argument(index = 0, name = "volume", required = true, description = "The volume's name")
    @Completion(VolumeNameCompleter.class)
    String volume;

    @Option(name = "--json", description = "Print JSON for scripts (every range)")
    boolean json;

    @Option(name = "--ranges", description = "How many ranges to list (default 50; --json lists all)")
    int maxRanges = 50;

    @Reference(optional = true)
    VolumeService volumeService;

    @Override
    void run() throws Exception {
        VolumeBlocks blocks = require(volumeService, VolumeService.class).blocks(volume);
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode tree = Json.MAPPER.valueToTree(blocks);
            tree.put("allBackedUp", blocks.allBackedUp());
            Json.print(out, tree);
            return;
        }
        out.printf("Volume %s: %s in blocks of %s; latest snapshot %s (generation %d); %s%n", blocks.volume(),
                Bytes.format(blocks.size()), Bytes.format(blocks.blockSize()),
                blocks.snapshot() == null ? "none" : blocks.snapshot().substring(0, 8), blocks.generation(),
                blocks.tracked() ? "tracked: writes through the export are known"
                        : "not tracked: writes outside an export are found by the next backup's hash comparison");
        for (BlockState s : BlockState.values()) {
            out.printf("  %-16s %d%n", s.name().toLowerCase().replace('_', '-'), blocks.counts().get(s));
        }
        out.println(blocks.allBackedUp() ? "Every block is backed up." : "Not every block is backed up yet.");
        ShellTable table = new ShellTable();
        table.column("First").alignRight();
        table.column("Last").alignRight();
        table.column("State");
        table.column("Zero");
        table.column("Stored in").alignRight();
        blocks.ranges().stream().limit(maxRanges).forEach((BlockRange r) -> table.addRow().addContent(r.first(),
                r.last(), r.state().name().toLowerCase().replace('_', '-'), r.zero() ? "yes" : "",
                r.storedIn() == 0 ? "-" : "gen " + r.storedIn()));
        table.print(out);
        if (blocks.ranges().size() > maxRanges) {
            out.printf("(%d more ranges; --ranges n or --json shows them)%n", blocks.ranges().size() - maxRanges);
        }
    }
}
