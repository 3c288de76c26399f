package org.stowage.staging.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Durability helpers for directory entries (a created, renamed or deleted file is durable only once its directory is). */
final class Fsync {

    private Fsync() {
    }

    /** Forces a directory's entries to stable storage (Linux and macOS allow opening a directory for reading). */
    static void directory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
