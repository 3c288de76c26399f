package org.stowage.engine.internal.volume;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * A volume's bytes: a regular file (an image) or a block device. The size of a block device is read from sysfs, as
 * the JDK reports 0 for it. Positional reads and writes, so several threads may share one instance.
 */
public final class VolumeFile implements BlockReader, AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final long size;

    private VolumeFile(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    /** Opens an existing volume for reading ({@code write} false) or reading and writing. */
    public static VolumeFile open(Path path, boolean write) throws IOException {
        FileChannel channel = write ? FileChannel.open(path, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE) : FileChannel.open(path);
        try {
            return new VolumeFile(path, channel, sizeOf(path, channel));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static long sizeOf(Path path, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > 0 || !isBlockDevice(path)) {
            return size;
        }
        Path sys = Path.of("/sys/class/block", path.toRealPath().getFileName().toString(), "size");
        try {
            return Long.parseLong(Files.readString(sys).trim()) * 512; // sysfs counts 512-byte sectors
        } catch (IOException | NumberFormatException e) {
            throw new IOException("cannot read the size of block device " + path + " from " + sys + ": " + e, e);
        }
    }

    public static boolean isBlockDevice(Path path) {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class).isOther()
                    && ((Integer) Files.getAttribute(path, "unix:mode") & 0170000) == 0060000;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    @Override
    public void read(int block, long position, ByteBuffer into) throws IOException {
        readFully(position, into);
    }

    /** Reads until {@code into} is full; the volume ending first is an {@link EOFException} naming it. */
    public void readFully(long position, ByteBuffer into) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                throw new EOFException("volume " + path + " ended at " + at + " while reading " + into.remaining()
                        + " more bytes: was it shrunk during the backup?");
            }
            at += n;
        }
    }

    /** Writes all of {@code from} at {@code position}. */
    public void writeFully(long position, ByteBuffer from) throws IOException {
        long at = position;
        while (from.hasRemaining()) {
            at += channel.write(from, at);
        }
    }

    public FileChannel channel() {
        return channel;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
