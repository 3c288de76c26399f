package org.stowage.api.device.support;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes that bypass the page cache ({@code O_DIRECT}), for data written once and not read again soon: packs on a
 * disk device, blocks in the staging space. Written through the page cache, every byte is first copied into freshly
 * allocated cache pages and later written back by the kernel, which on the project's VMs cost 0.45–3 CPU-s per GiB
 * against 0.2 with {@code O_DIRECT}, at the same disk time (bench/README.md, "Packs written with O_DIRECT"); a
 * backup is CPU-bound, so that is throughput. An {@code O_DIRECT} write must come from a buffer aligned to the file
 * system's block size, start at an offset aligned to it and be a whole number of blocks long: {@link #alignedBuffer}
 * makes such buffers. Stateless.
 */
public final class DirectIo {

    /** Block sizes above this are not probed: nothing that large is expected, and padding would waste too much. */
    public static final int MAX_BLOCK = 64 << 10;
    private static final Optional<OpenOption> DIRECT = directOption();

    private DirectIo() {
    }

    /** The {@code O_DIRECT} open option, or empty when this JVM offers none. */
    public static Optional<OpenOption> option() {
        return DIRECT;
    }

    /**
     * Whether the file system that will hold {@code probeFile} accepts {@code O_DIRECT}: creates that file (it must
     * not exist), writes and forces one aligned block, and deletes it again.
     *
     * @return the block size writes must be aligned to
     * @throws IOException saying why not: this JVM has no {@code O_DIRECT}, the file system refuses it (tmpfs does),
     *                     or its block size is unusual
     */
    public static int probe(Path probeFile) throws IOException {
        OpenOption direct = DIRECT.orElseThrow(() -> new IOException("this JVM offers no O_DIRECT "
                + "(com.sun.nio.file.ExtendedOpenOption)"));
        long blockSize = Files.getFileStore(probeFile.toAbsolutePath().getParent()).getBlockSize();
        if (Long.bitCount(blockSize) != 1 || blockSize > MAX_BLOCK) {
            throw new IOException("unusual file system block size " + blockSize);
        }
        try (FileChannel channel = FileChannel.open(probeFile, CREATE_NEW, WRITE, direct)) {
            ByteBuffer block = alignedBuffer((int) blockSize, (int) blockSize);
            while (block.hasRemaining()) {
                channel.write(block, block.position());
            }
            channel.force(true);
        } catch (UnsupportedOperationException e) {
            throw new IOException("O_DIRECT refused: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(probeFile);
        }
        return (int) blockSize;
    }

    /** A direct buffer of {@code capacity} bytes (a multiple of {@code blockSize}) whose address is aligned to it. */
    public static ByteBuffer alignedBuffer(int capacity, int blockSize) {
        if (capacity % blockSize != 0) {
            throw new IllegalArgumentException("capacity " + capacity + " is not a whole number of " + blockSize
                    + "-byte blocks");
        }
        return ByteBuffer.allocateDirect(capacity + blockSize).alignedSlice(blockSize).limit(capacity).slice();
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
