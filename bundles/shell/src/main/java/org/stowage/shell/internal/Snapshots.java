package org.stowage.shell.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.TreeSet;

import org.apache.karaf.shell.support.table.ShellTable;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotStats;

/** Tables of snapshots and of what one backup did, shared by backup, snapshots, forget and job-run. */
final class Snapshots {

    private Snapshots() {
    }

    static ShellTable table(List<SnapshotInfo> snapshots) {
        ShellTable table = new ShellTable().emptyTableText("(no snapshots)");
        table.column("ID");
        table.column("Time");
        table.column("Host");
        table.column("Paths").maxSize(60).wrap();
        table.column("Tags").maxSize(40).wrap();
        table.column("Processed").alignRight();
        table.column("");
        for (SnapshotInfo s : snapshots) {
            table.addRow().addContent(s.shortId(), Times.format(s.time()), s.host(), String.join(", ", s.paths()),
                    String.join(",", new TreeSet<>(s.tags())),
                    s.stats() == null ? "" : Bytes.format(s.stats().bytesProcessed()),
                    s.isComplete() ? "" : "incomplete");
        }
        return table;
    }

    /** The summary printed after a backup: counts, sizes and whether the snapshot is complete. */
    static void printSummary(PrintStream out, SnapshotInfo s) {
        out.println("Snapshot " + s.shortId() + " saved" + (s.isComplete() ? "" : " INCOMPLETE: " + s.incompleteReason()));
        SnapshotStats st = s.stats();
        if (st == null) {
            return;
        }
        ShellTable table = new ShellTable().noHeaders();
        table.column("what");
        table.column("value").alignRight();
        table.addRow().addContent("Files new / changed / unmodified",
                st.filesNew() + " / " + st.filesChanged() + " / " + st.filesUnmodified());
        table.addRow().addContent("Directories", st.dirs());
        table.addRow().addContent("Processed", Bytes.format(st.bytesProcessed()));
        table.addRow().addContent("Added (" + st.blobsAdded() + " blobs)", Bytes.format(st.bytesAdded()));
        table.addRow().addContent("Stored", Bytes.format(st.bytesStored()));
        table.addRow().addContent("Errors", st.errors());
        table.addRow().addContent("Duration", Durations.format(st.duration()));
        table.print(out);
    }
}
