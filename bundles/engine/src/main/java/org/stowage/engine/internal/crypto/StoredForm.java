package org.stowage.engine.internal.crypto;

import java.nio.ByteBuffer;

import javax.crypto.AEADBadTagException;

import com.github.luben.zstd.ZstdException;

import org.stowage.engine.internal.compress.CompressionProbe;
import org.stowage.engine.internal.compress.Compressor;
import org.stowage.engine.internal.memory.GrowingBuffer;

/**
 * The one encoding of every encrypted object (blobs, pack headers, index files, snapshots, config, locks):
 * <pre>
 *   nonce(12) || AES-256-GCM( flag(1) || payload ) || tag(16)      associated data: the {@link Domain} label
 *   flag 0: payload is the plaintext;  flag 1: payload is one zstd frame (with content size) of the plaintext
 * </pre>
 * The payload is compressed only when zstd makes it smaller, at the level {@link CompressionProbe} picks from a
 * sample (payloads that look incompressible are stored raw without running zstd over them). All crypto and
 * compression run on per-thread direct buffers (GB/s); the plaintext handed back by {@link #decode} is a fresh heap
 * buffer the caller owns, while {@link #decodeInto} writes it into the caller's direct buffer (the bulk read path:
 * no heap copy).
 * Thread-safe.
 */
public final class StoredForm {

    public static final byte RAW = 0;
    public static final byte ZSTD = 1;
    /** Bytes a stored object takes beyond its payload. */
    public static final int OVERHEAD = Sealer.OVERHEAD + 1;

    /**
     * The scratch buffer that encoding or opening a blob of at most {@code largestPlain} bytes takes (its compressed
     * or sealed form, sized as the thread's scratch grows): what the memory budget counts for each such buffer.
     */
    public static long scratchBytes(int largestPlain) {
        return GrowingBuffer.rounded(Compressor.bound(largestPlain) + OVERHEAD);
    }

    private final Sealer sealer;
    private final int level;

    /**
     * @param level zstd level, 0 for no compression
     */
    public StoredForm(Sealer sealer, int level) {
        this.sealer = sealer;
        this.level = level;
    }

    /**
     * The stored form of {@code plaintext} (position to limit; not changed). {@link Encoded#stored} is a per-thread
     * buffer, valid only until this thread's next call to {@code encode}: copy it out before that.
     */
    public Encoded encode(ByteBuffer plaintext, Domain domain) {
        Scratch scratch = Scratch.get();
        int length = plaintext.remaining();
        ByteBuffer source = scratch.direct(Scratch.Slot.INPUT, plaintext);
        ByteBuffer work = scratch.take(Scratch.Slot.WORK, 1 + (level > 0 ? Compressor.bound(length) : length));
        work.put(RAW);
        boolean compressed = false;
        int chosen = level > 0 && length > 0 ? CompressionProbe.levelFor(source, level) : 0;
        if (chosen > 0) {
            int packed = Compressor.compress(source, work, chosen);
            if (packed < length) {
                work.put(0, ZSTD).position(1 + packed);
                compressed = true;
            }
        }
        if (!compressed) {
            work.put(source);
        }
        work.flip();
        ByteBuffer out = scratch.take(Scratch.Slot.OUTPUT, work.remaining() + Sealer.OVERHEAD);
        sealer.seal(work, out, domain.aad());
        out.flip();
        return new Encoded(out, compressed, length);
    }

    /** Encodes into a new heap array (for small objects written whole: snapshots, config, index files). */
    public byte[] encodeToArray(byte[] plaintext, Domain domain) {
        ByteBuffer stored = encode(ByteBuffer.wrap(plaintext), domain).stored();
        byte[] out = new byte[stored.remaining()];
        stored.get(out);
        return out;
    }

    /**
     * Authenticates, decrypts and decompresses {@code stored} (position to limit; not changed). For small objects
     * (snapshots, trees, index files); bulk blob data goes through {@link #decodeInto}.
     *
     * @return the plaintext in a new heap buffer owned by the caller
     * @throws UndecodableException if authentication fails or the authenticated content is malformed
     */
    public ByteBuffer decode(ByteBuffer stored, Domain domain) throws UndecodableException {
        ByteBuffer frame = open(stored, domain);
        int size = frame.get(frame.position() - 1) == ZSTD ? contentSize(frame) : frame.remaining();
        ByteBuffer plain = Scratch.get().take(Scratch.Slot.PLAIN, size);
        int length = payloadInto(frame, plain);
        return copyToHeap(plain.limit(length));
    }

    /**
     * Authenticates, decrypts and decompresses {@code stored} (position to limit; not changed) into {@code out}, a
     * direct buffer the caller owns, from its position; no heap copy and no allocation on the way (GCM and zstd run
     * on this thread's direct scratch buffers and on {@code out}). On return {@code out}'s position is advanced by
     * the plaintext's length. When this throws, {@code out} may hold partial, unverified bytes: discard them.
     * Thread-safe; concurrent callers must pass different {@code out} buffers.
     *
     * @return the plaintext's length
     * @throws UndecodableException if authentication fails, the authenticated content is malformed, or the
     *                              plaintext does not fit in {@code out}
     */
    public int decodeInto(ByteBuffer stored, Domain domain, ByteBuffer out) throws UndecodableException {
        if (!out.isDirect()) {
            throw new IllegalArgumentException("decodeInto needs a direct buffer: GCM and zstd are slow on heap");
        }
        ByteBuffer frame = open(stored, domain);
        int length = payloadInto(frame, out);
        out.position(out.position() + length);
        return length;
    }

    /**
     * GCM-opens {@code stored} (not changed) into this thread's WORK buffer; returns the authenticated payload,
     * positioned just after its flag byte (valid until this thread's next encode or decode).
     */
    private ByteBuffer open(ByteBuffer stored, Domain domain) throws UndecodableException {
        Scratch scratch = Scratch.get();
        ByteBuffer sealed = scratch.direct(Scratch.Slot.INPUT, stored);
        if (sealed.remaining() < OVERHEAD) {
            throw new UndecodableException("stored object of " + sealed.remaining() + " bytes is shorter than the "
                    + OVERHEAD + " bytes every stored object has");
        }
        ByteBuffer work = scratch.take(Scratch.Slot.WORK, sealed.remaining() - Sealer.OVERHEAD);
        try {
            sealer.open(sealed, work, domain.aad());
        } catch (AEADBadTagException e) {
            throw new UndecodableException("authentication failed: the bytes are corrupt, were altered, or were "
                    + "not written with this repository's key", e);
        }
        work.flip();
        byte flag = work.get();
        if (flag != RAW && flag != ZSTD) {
            throw new UndecodableException("unknown compression flag " + flag + " (written by a newer version?)");
        }
        return work;
    }

    private static int contentSize(ByteBuffer frame) throws UndecodableException {
        try {
            return Compressor.contentSize(frame);
        } catch (ZstdException e) {
            throw new UndecodableException("invalid zstd frame: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the payload's plaintext (flag just before {@code frame}'s position) into {@code out} at its position,
     * which is not changed; returns the plaintext's length.
     */
    private static int payloadInto(ByteBuffer frame, ByteBuffer out) throws UndecodableException {
        byte flag = frame.get(frame.position() - 1);
        if (flag == RAW) {
            if (frame.remaining() > out.remaining()) {
                throw new UndecodableException("plaintext of " + frame.remaining() + " bytes does not fit the "
                        + out.remaining() + " bytes expected");
            }
            int length = frame.remaining();
            out.duplicate().put(frame);
            return length;
        }
        int size = contentSize(frame);
        if (size > out.remaining()) {
            throw new UndecodableException("zstd frame declares " + size + " bytes, more than the "
                    + out.remaining() + " bytes expected");
        }
        try {
            int written = Compressor.decompress(frame, out.duplicate().limit(out.position() + size));
            if (written != size) {
                throw new UndecodableException("zstd frame declares " + size + " bytes but holds " + written);
            }
            return written;
        } catch (ZstdException e) {
            throw new UndecodableException("invalid zstd frame: " + e.getMessage(), e);
        }
    }

    private static ByteBuffer copyToHeap(ByteBuffer direct) {
        byte[] bytes = new byte[direct.remaining()];
        direct.get(bytes);
        return ByteBuffer.wrap(bytes);
    }

    /**
     * An encoded object.
     *
     * @param stored      the stored form, position 0; a per-thread buffer (see {@link #encode})
     * @param compressed  whether the payload is a zstd frame
     * @param plainLength the plaintext's length
     */
    public record Encoded(ByteBuffer stored, boolean compressed, int plainLength) {
    }
}
