package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The temporary files open for writing, at most {@code capacity} at once (least recently used closed first), so a
 * restore of many files interleaved across packs does not run out of file descriptors. Files are reopened
 * without following links and without creating: the planner created them. Not thread-safe.
 */
final class OpenFiles implements AutoCloseable {

    private final int capacity;
    private final LinkedHashMap<RestoreFile, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true);

    OpenFiles(int capacity) {
        this.capacity = capacity;
    }

    FileChannel channel(RestoreFile file) throws IOException {
        FileChannel channel = open.get(file);
        if (channel == null) {
            if (open.size() >= capacity) {
                Iterator<Map.Entry<RestoreFile, FileChannel>> eldest = open.entrySet().iterator();
                FileChannel evicted = eldest.next().getValue();
                eldest.remove();
                evicted.close();
            }
            channel = FileChannel.open(file.temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            open.put(file, channel);
        }
        return channel;
    }

    /** Closes the file's channel if open. */
    void close(RestoreFile file) throws IOException {
        FileChannel channel = open.remove(file);
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (FileChannel channel : open.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
