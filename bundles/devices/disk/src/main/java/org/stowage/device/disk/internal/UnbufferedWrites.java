package org.stowage.device.disk.internal;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.support.DirectIo;

/**
 * Durable writes of large blobs that bypass the page cache ({@code O_DIRECT}, {@link DirectIo} says why).
 *
 * <p><b>How.</b> The content is copied, {@value #SEGMENT} bytes at a time, into a per-thread buffer aligned to the
 * file system's block size and written at aligned offsets; the last segment is padded with zeros to a whole block
 * and the file truncated to the content's length before it is forced (data and metadata), so the result is the same
 * file a buffered write produces. Used only where {@link #probe} found that the file system accepts
 * {@code O_DIRECT} (tmpfs, for one, does not) and only for contents of at least {@value #MIN_LENGTH} bytes.
 * Thread-safe.
 */
final class UnbufferedWrites {

    /** Contents shorter than this (index files, snapshots, locks, trees of a small backup) are written buffered. */
    static final int MIN_LENGTH = 1 << 20;
    static final int SEGMENT = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(UnbufferedWrites.class);

    private final int blockSize;
    private final ByteBuffer zeros;
    private final ThreadLocal<ByteBuffer> segments;

    private UnbufferedWrites(int blockSize) {
        this.blockSize = blockSize;
        this.zeros = ByteBuffer.allocateDirect(blockSize);
        this.segments = ThreadLocal.withInitial(() -> DirectIo.alignedBuffer(SEGMENT, blockSize));
    }

    /** Unbuffered writes below {@code root}, if its file system accepts them; empty (and logged) when it does not. */
    static Optional<UnbufferedWrites> probe(Path root) {
        try {
            return Optional.of(new UnbufferedWrites(DirectIo.probe(DiskLayout.newTemp(root))));
        } catch (IOException e) {
            LOG.info("Packs below {} are written through the page cache: {}", root, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Creates {@code file} (it must not exist), writes {@code content} from position to limit without moving the
     * buffer's position, and forces data and metadata to the medium. On failure the file is deleted.
     */
    void write(Path file, ByteBuffer content) throws IOException {
        ByteBuffer source = content.duplicate();
        long length = source.remaining();
        ByteBuffer segment = segments.get();
        // opened outside the try: a file that already existed is not ours to delete
        FileChannel channel = FileChannel.open(file, CREATE_NEW, WRITE, DirectIo.option().orElseThrow());
        try (channel) {
            long position = 0;
            while (source.hasRemaining()) {
                int take = Math.min(SEGMENT, source.remaining());
                segment.clear().put(source.slice(source.position(), take));
                source.position(source.position() + take);
                int padding = Math.floorMod(-take, blockSize);
                segment.put(zeros.duplicate().limit(padding)).flip();
                while (segment.hasRemaining()) {
                    position += channel.write(segment, position);
                }
            }
            if (position != length) {
                channel.truncate(length);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            DurableFiles.deleteAfterFailure(file, e);
            throw e;
        }
    }
}
