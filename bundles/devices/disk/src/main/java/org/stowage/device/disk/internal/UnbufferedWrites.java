package org.stowage.device.disk.internal;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable writes of large blobs that bypass the page cache ({@code O_DIRECT}).
 *
 * <p><b>Why.</b> Packs are written once and not read again soon. Written through the page cache, every byte is
 * first copied into freshly allocated cache pages, which on the project's VMs cost the kernel 0.45–3 CPU-s per GiB
 * (measured with {@code dd ... conv=fsync}) against 0.2 with {@code O_DIRECT}, at the same disk time; a backup is
 * CPU-bound, so that is throughput. It also leaves the host's page cache to the applications being backed up.
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
    private static final int MAX_BLOCK = 64 << 10;
    private static final Logger LOG = LoggerFactory.getLogger(UnbufferedWrites.class);
    private static final Optional<OpenOption> DIRECT = directOption();

    private final int blockSize;
    private final ByteBuffer zeros;
    private final ThreadLocal<ByteBuffer> segments;

    private UnbufferedWrites(int blockSize) {
        this.blockSize = blockSize;
        this.zeros = ByteBuffer.allocateDirect(blockSize);
        this.segments = ThreadLocal.withInitial(
                () -> ByteBuffer.allocateDirect(SEGMENT + blockSize).alignedSlice(blockSize).limit(SEGMENT).slice());
    }

    /**
     * Unbuffered writes below {@code root}, if its file system accepts them: writes, forces and deletes one block in
     * a temp file. Empty (and logged) when it does not, or when this JDK offers no {@code O_DIRECT}.
     */
    static Optional<UnbufferedWrites> probe(Path root) {
        if (DIRECT.isEmpty()) {
            LOG.info("This JVM offers no O_DIRECT (com.sun.nio.file.ExtendedOpenOption): packs below {} are "
                    + "written through the page cache", root);
            return Optional.empty();
        }
        Path temp = DiskLayout.newTemp(root);
        try {
            long blockSize = Files.getFileStore(root).getBlockSize();
            if (Long.bitCount(blockSize) != 1 || blockSize > MAX_BLOCK) {
                throw new IOException("unusual block size " + blockSize);
            }
            UnbufferedWrites writes = new UnbufferedWrites((int) blockSize);
            writes.write(temp, ByteBuffer.allocate((int) blockSize));
            return Optional.of(writes);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.info("The file system of {} does not accept O_DIRECT ({}): packs are written through the page cache",
                    root, e.toString());
            return Optional.empty();
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.warn("Cannot delete the probe file {}: {}; the next start removes it", temp, e.toString());
            }
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
        FileChannel channel = FileChannel.open(file, CREATE_NEW, WRITE, DIRECT.orElseThrow());
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

    /**
     * {@code ExtendedOpenOption.DIRECT}, looked up by name: it lives in the JDK's {@code jdk.unsupported} module,
     * which Karaf boot-delegates ({@code com.sun.*}) but does not export as a package a bundle could import.
     */
    private static Optional<OpenOption> directOption() {
        try {
            Class<?> options = Class.forName("com.sun.nio.file.ExtendedOpenOption");
            for (Object option : options.getEnumConstants()) {
                if (((Enum<?>) option).name().equals("DIRECT")) {
                    return Optional.of((OpenOption) option);
                }
            }
            return Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}
