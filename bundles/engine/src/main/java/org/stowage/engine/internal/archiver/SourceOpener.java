package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens a source file for reading. The seam where tests observe which files a backup reads and produce a real
 * file-system race (a file deleted between listing and reading). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SourceOpener {

    /** Opens the file itself, never the target of a symbolic link. */
    SourceOpener FILES = path -> FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    ReadableByteChannel open(Path path) throws IOException;
}
