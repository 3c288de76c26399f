package org.stowage.api.device;

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

    @Override
    public String toString() {
        return isAll() ? "all" : "[" + offset + ", " + (offset + length) + ")";
    }
}
