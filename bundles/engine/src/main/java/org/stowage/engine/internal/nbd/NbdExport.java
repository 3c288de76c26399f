package org.stowage.engine.internal.nbd;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What an NBD export serves: a fixed-size array of bytes. Implementations are thread-safe (several connections, and
 * a client may pipeline requests on one connection, which the server handles in order).
 */
public interface NbdExport {

    String name();

    long size();

    /** Fills {@code into} (position to limit) from {@code offset}; within {@link #size()}. */
    void read(long offset, ByteBuffer into) throws IOException;

    /** Writes {@code data} (position to limit) at {@code offset}; within {@link #size()}. */
    void write(long offset, ByteBuffer data) throws IOException;

    /** Makes every completed write durable. */
    void flush() throws IOException;
}
