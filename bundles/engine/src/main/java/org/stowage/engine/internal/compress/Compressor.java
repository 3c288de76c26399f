package org.stowage.engine.internal.compress;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

import org.stowage.engine.internal.memory.ThreadResources;

/**
 * zstd on direct buffers. Thread-safe: one compression and one decompression context per thread, whose native
 * memory is freed when the thread's {@link ThreadResources} are released. Frames carry their content size, so
 * decompression knows the output length.
 */
public final class Compressor {

    /**
     * What a thread's zstd contexts are counted as against the memory budget: zstd sizes a context from the level and
     * the input; on 4 MiB chunks a level-3 compression context took ~1.0 MiB and a decompression context ~115 KiB
     * (docs/footprint.md, "Memory budget").
     */
    public static final long CONTEXT_BYTES = 2L << 20;

    private static final ThreadLocal<ZstdCompressCtx> COMPRESSORS = new ThreadLocal<>();
    private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESSORS = new ThreadLocal<>();

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
        ZstdCompressCtx ctx = perThread(COMPRESSORS, ZstdCompressCtx::new);
        ctx.setLevel(level);
        return ctx.compressDirectByteBuffer(dst, dst.position(), dst.remaining(), src, src.position(),
                src.remaining());
    }

    /**
     * The most a zstd frame of {@code frameBytes} bytes can decompress to. A frame is a sequence of blocks, each
     * with a 3-byte header and at most 128 KiB of content; the densest is an RLE block, 4 bytes for 128 KiB.
     */
    public static long maxContentSize(int frameBytes) {
        return (frameBytes / 4 + 1L) * (128 << 10);
    }

    /**
     * The content size a zstd frame in {@code src} (direct, position to limit) declares. It is checked against
     * {@link #maxContentSize} of the frame's length: callers allocate this much before decompressing, and the
     * declaration is the frame's own word.
     *
     * @throws ZstdException if the frame header is invalid, declares no size, or more than the frame can hold
     */
    public static int contentSize(ByteBuffer src) {
        long size = Zstd.getFrameContentSize(src.slice());
        long max = Math.min(Integer.MAX_VALUE - 64, maxContentSize(src.remaining()));
        if (size <= 0 || size > max) {
            throw new ZstdException(Zstd.errGeneric(), "zstd frame of " + src.remaining() + " bytes declares a "
                    + "content size of " + size + " (at most " + max + " fit in it)");
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
        return perThread(DECOMPRESSORS, ZstdDecompressCtx::new).decompressDirectByteBuffer(dst, dst.position(),
                dst.remaining(), src, src.position(), src.remaining());
    }

    /** This thread's context, created at its first use and freed with the thread's resources. */
    private static <T extends AutoCloseable> T perThread(ThreadLocal<T> contexts, Supplier<T> create) {
        return ThreadResources.get(contexts, create, Compressor::free);
    }

    private static void free(AutoCloseable context) {
        try {
            context.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not free a zstd context: " + e, e);
        }
    }
}
