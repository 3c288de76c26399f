package org.stowage.routing.internal.component;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.ExecutorService;

import org.stowage.api.repository.SnapshotService;

/**
 * One file of a snapshot as an InputStream that is read while the snapshot service writes it ({@code dump}, which
 * verifies every blob), through a pipe, so that a file of any size passes without being held in memory or on disk.
 * The dump runs on a thread of {@code executor}; when it fails, the reader gets the failure as an IOException at the
 * point where the good bytes end, never a silently short stream. Closing the stream early ends the dump.
 */
final class DumpStream extends InputStream {

    /** Bytes the pipe holds: large enough that the writer and the reader rarely wait for each other. */
    private static final int PIPE_BYTES = 1024 * 1024;

    private final PipedInputStream in;
    private volatile Throwable failure;

    private DumpStream(PipedInputStream in) {
        this.in = in;
    }

    static DumpStream start(SnapshotService snapshots, String snapshot, String path, ExecutorService executor)
            throws IOException {
        PipedInputStream in = new PipedInputStream(PIPE_BYTES);
        PipedOutputStream out = new PipedOutputStream(in);
        DumpStream stream = new DumpStream(in);
        executor.execute(() -> {
            try {
                snapshots.dump(snapshot, path, out);
            } catch (Throwable e) {
                stream.failure = e; // before the pipe closes (not try-with-resources): the reader sees it at its end
            } finally {
                closeQuietly(out);
            }
        });
        return stream;
    }

    private static void closeQuietly(PipedOutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // closing a pipe only marks it closed; a failure here has nothing left to lose
        }
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        return b < 0 ? end() : b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            throw failed(e);
        }
        return n < 0 ? end() : n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int end() throws IOException {
        if (failure != null) {
            throw failed(null);
        }
        return -1;
    }

    private IOException failed(IOException pipe) {
        Throwable cause = failure != null ? failure : pipe;
        String message = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
        return new IOException("streaming the file out of the snapshot failed: " + message, cause);
    }
}
