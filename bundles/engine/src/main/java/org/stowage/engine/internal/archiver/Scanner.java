package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Counts the files and bytes below the backed-up paths in its own thread, beside the backup, so that progress has
 * totals (and an ETA) early. Totals stay -1 until the count is complete. Errors only make the count smaller: the
 * backup itself reports unreadable entries. Thread-safe.
 */
final class Scanner implements AutoCloseable {

    private final Thread thread;
    private volatile boolean stopped;
    private volatile long filesTotal = -1;
    private volatile long bytesTotal = -1;

    Scanner(List<Path> paths) {
        thread = new Thread(() -> count(paths), "stowage-archiver-scanner");
        thread.setDaemon(true);
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

    private void count(List<Path> paths) {
        long[] totals = new long[2];
        SimpleFileVisitor<Path> visitor = new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    totals[0]++;
                    totals[1] += attrs.size();
                }
                return stopped ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return stopped ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }
        };
        for (Path path : paths) {
            try {
                Files.walkFileTree(path, visitor);
            } catch (IOException e) {
                return; // cannot happen with this visitor; totals stay unknown
            }
        }
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
