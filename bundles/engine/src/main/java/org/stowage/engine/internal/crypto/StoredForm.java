package org.stowage.engine.internal.crypto;

import java.nio.ByteBuffer;

import javax.crypto.AEADBadTagException;

import com.github.luben.zstd.ZstdException;

import org.stowage.engine.internal.compress.CompressionProbe;
import org.stowage.engine.internal.compress.Compressor;

/**
 * The one encoding of every encrypted object (blobs, pack headers, index files, snapshots, config, locks):
 * <pre>
 *   nonce(12) || AES-256-GCM( flag(1) || payload ) || tag(16)      associated data: the {@link Domain} label
 *   flag 0: payload is the plaintext;  flag 1: payload is one zstd frame (with content size) of the plaintext
 * </pre>
 * The payload is compressed only when zstd makes it smaller, at the level {@link CompressionProbe} picks from a sample
 * (payloads that look incompressible are stored raw without running zstd over them). All crypto and compression run on per-thread direct
 * buffers (GB/s); the plaintext handed back by {@link #decode} is a fresh heap buffer the caller owns.
 * Thread-safe.
 */
public final class StoredForm {

    public static final byte RAW = 0;
    public static final byte ZSTD = 1;
    /** Bytes a stored object takes beyond its payload. */
    public static final int OVERHEAD = Sealer.OVERHEAD + 1;

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
     * Authenticates, decrypts and decompresses {@code stored} (position to limit; not changed).
     *
     * @return the plaintext in a new heap buffer owned by the caller
     * @throws UndecodableException if authentication fails or the authenticated content is malformed
     */
    public ByteBuffer decode(ByteBuffer stored, Domain domain) throws UndecodableException {
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
        if (flag == RAW) {
            return copyToHeap(work);
        }
        if (flag != ZSTD) {
            throw new UndecodableException("unknown compression flag " + flag + " (written by a newer version?)");
        }
        return inflate(scratch, work);
    }

    private static ByteBuffer inflate(Scratch scratch, ByteBuffer frame) throws UndecodableException {
        try {
            int size = Compressor.contentSize(frame);
            ByteBuffer plain = scratch.take(Scratch.Slot.PLAIN, size);
            int written = Compressor.decompress(frame, plain);
            if (written != size) {
                throw new UndecodableException("zstd frame declares " + size + " bytes but holds " + written);
            }
            return copyToHeap(plain.limit(written));
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
