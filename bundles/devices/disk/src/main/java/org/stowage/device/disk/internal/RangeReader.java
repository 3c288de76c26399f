package org.stowage.device.disk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.DeviceException;

/**
 * Reads exact byte ranges of one blob file with positional reads into a new direct buffer, or into the caller's
 * (direct, because the engine decrypts from direct buffers; see docs/stack.md, "crypto throughput"). Never returns
 * a short read.
 */
record RangeReader(String deviceId, BlobName name, Path file) {

    ByteBuffer read(ByteRange range) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long length = range.isAll() ? size : range.length();
            if (!range.isAll() && range.end() > size) {
                throw new DeviceException(deviceId, "range " + range + " reaches past the end of " + name
                        + " (" + size + " bytes)");
            }
            if (length > Integer.MAX_VALUE - 16) {
                throw new DeviceException(deviceId, "range " + range + " of " + name + " is " + length
                        + " bytes, too large for one buffer; read it in ranges below 2 GiB");
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect((int) length);
            fill(channel, range.offset(), buffer);
            return buffer.flip();
        }
    }

    /** Reads the explicit {@code range} into {@code out} from its position (the caller checked it has room). */
    void readInto(ByteRange range, ByteBuffer out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (range.end() > size) {
                throw new DeviceException(deviceId, "range " + range + " reaches past the end of " + name
                        + " (" + size + " bytes)");
            }
            int start = out.position();
            ByteBuffer target = out.duplicate().limit(start + Math.toIntExact(range.length()));
            fill(channel, range.offset(), target);
            out.position(target.position());
        }
    }

    /** Positional reads from {@code offset} until {@code buffer} is full; never a short read. */
    private void fill(FileChannel channel, long offset, ByteBuffer buffer) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position() - start) < 0) {
                throw new DeviceException(deviceId, name + " ended after " + (buffer.position() - start)
                        + " of " + (buffer.limit() - start) + " bytes at " + file
                        + "; the file was truncated outside Stowage");
            }
        }
    }
}
