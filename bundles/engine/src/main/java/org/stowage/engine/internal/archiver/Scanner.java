package org.stowage.engine.internal.archiver;

import java.nio.file.Path;
import java.util.List;

import org.stowage.engine.internal.tree.NodeType;

/**
 * Counts the files and bytes a backup will take in its own thread, beside the backup, so that progress has totals
 * (and an ETA) early. It walks with the backup's {@link SourceFilter}, so excluded entries are not counted. Totals
 * stay -1 until the count is complete. Problems only make the count smaller: the backup itself reports unreadable
 * entries. Thread-safe.
 */
final class Scanner implements AutoCloseable {

    private final Thread thread;
    private volatile boolean stopped;
    private volatile long filesTotal = -1;
    private volatile long bytesTotal = -1;

    Scanner(List<Path> paths, SourceFilter filter) {
        thread = new Thread(() -> count(paths, filter), "stowage-archiver-scanner");
        thread.setDaemon(true);
    }

    /** A scanner that never counts, for a source whose size is not known before it is read (a stream). */
    static Scanner unknown() {
        return new Scanner(List.of(), null);
    }

    void start() {
        thread.start();
    }

    long filesTotal() {
        return filesTotal;
    }

    long bytesTotal() {
        return bytesTotal;
    }

    private void count(List<Path> paths, SourceFilter filter) {
        long[] totals = new long[2];
        new SelectionWalk(filter, () -> stopped, new SelectionWalk.Visitor() {
            @Override
            public void entry(Path path, SourceMeta meta) {
                if (meta.type() == NodeType.FILE) {
                    totals[0]++;
                    totals[1] += meta.size();
                }
            }

            @Override
            public void problem(Path path, String message) {
                // the backup's own walk meets the same problem and reports it
            }
        }).walk(paths);
        if (!stopped) {
            bytesTotal = totals[1];
            filesTotal = totals[0];
        }
    }

    @Override
    public void close() {
        stopped = true;
    }
}
