package org.stowage.engine.internal.compress;

import java.nio.ByteBuffer;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

/**
 * zstd on direct buffers. Thread-safe: one compression and one decompression context per thread (their native
 * memory lives as long as the thread). Frames carry their content size, so decompression knows the output length.
 */
public final class Compressor {

    private static final ThreadLocal<ZstdCompressCtx> COMPRESSORS = ThreadLocal.withInitial(ZstdCompressCtx::new);
    private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESSORS =
            ThreadLocal.withInitial(ZstdDecompressCtx::new);

    private Compressor() {
    }

    /** The largest compressed size of {@code length} input bytes. */
    public static int bound(int length) {
        return Math.toIntExact(Zstd.compressBound(length));
    }

    /**
     * Compresses {@code src} (direct, position to limit) into {@code dst} (direct, at its position, with at least
     * {@link #bound} bytes free) at {@code level}. Returns the compressed length; positions are not changed.
     */
    public static int compress(ByteBuffer src, ByteBuffer dst, int level) {
        ZstdCompressCtx ctx = COMPRESSORS.get();
        ctx.setLevel(level);
        return ctx.compressDirectByteBuffer(dst, dst.position(), dst.remaining(), src, src.position(),
                src.remaining());
    }

    /**
     * The content size a zstd frame in {@code src} (direct, position to limit) declares.
     *
     * @throws ZstdException if the frame header is invalid or declares no size
     */
    public static int contentSize(ByteBuffer src) {
        long size = Zstd.getFrameContentSize(src.slice());
        if (size <= 0 || size > Integer.MAX_VALUE - 64) {
            throw new ZstdException(Zstd.errGeneric(), "zstd frame declares an invalid content size " + size);
        }
        return (int) size;
    }

    /**
     * Decompresses the frame in {@code src} (direct, position to limit) into {@code dst} (direct, at its position).
     * Returns the decompressed length; positions are not changed.
     *
     * @throws ZstdException if the frame is corrupt or does not fit
     */
    public static int decompress(ByteBuffer src, ByteBuffer dst) {
        return DECOMPRESSORS.get().decompressDirectByteBuffer(dst, dst.position(), dst.remaining(), src,
                src.position(), src.remaining());
    }
}
