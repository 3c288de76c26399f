package org.stowage.api.device;

import java.nio.ByteBuffer;

/**
 * A byte range of a blob: {@code length} bytes starting at {@code offset}. {@link #ALL} means the whole blob.
 */
public record ByteRange(long offset, long length) {

    /** The whole blob, whatever its size. */
    public static final ByteRange ALL = new ByteRange(0, -1);

    public ByteRange {
        if (offset < 0 || (length < 0 && !(offset == 0 && length == -1))) {
            throw new IllegalArgumentException("invalid byte range offset=" + offset + " length=" + length);
        }
    }

    public static ByteRange of(long offset, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length + " at offset " + offset);
        }
        return new ByteRange(offset, length);
    }

    public boolean isAll() {
        return length == -1;
    }

    /** The end offset (exclusive); only for bounded ranges. */
    public long end() {
        if (isAll()) {
            throw new IllegalStateException("the whole-blob range has no fixed end");
        }
        return offset + length;
    }

    /**
     * Checks that this range can be read into {@code out}: a bounded range no longer than the room left in it. The
     * precondition of {@link Device#get(BlobName, ByteRange, ByteBuffer)}, for drivers that override it.
     *
     * @throws IllegalArgumentException naming the blob, the range and the room, if it does not fit
     */
    public void requireFits(BlobName name, ByteBuffer out) {
        if (isAll() || out.remaining() < length) {
            throw new IllegalArgumentException("read of " + name + " " + this + " into a buffer with "
                    + out.remaining() + " bytes free: needs an explicit range that fits");
        }
    }

    @Override
    public String toString() {
        return isAll() ? "all" : "[" + offset + ", " + (offset + length) + ")";
    }
}
