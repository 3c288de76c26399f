package org.stowage.engine.internal.volume;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads blocks of a volume for a backup: from the volume itself ({@link VolumeFile}), or through the tracking of an
 * exported volume, which hands over the copy it made of a block overwritten since the backup began (copy on write).
 * Called from one thread.
 */
@FunctionalInterface
public interface BlockReader {

    /** Fills {@code into} (cleared, limit = the block's length) with block {@code block}, which starts at
     * {@code position}. */
    void read(int block, long position, ByteBuffer into) throws IOException;
}
