package org.stowage.engine.internal.crypto;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.stowage.engine.internal.compress.Compressor;
import org.stowage.engine.internal.testing.Untrusted;

/**
 * Fuzzes the stored-object layer every encrypted object goes through. Outer: arbitrary bytes and mutations of a real
 * stored object (GCM must refuse them all). Inner: an arbitrary flag and payload, or a real zstd frame mutated, sealed
 * with the right key (what a key holder or a buggy writer could store): the flag and the zstd frame are parsed.
 * Documented outcome: the plaintext or an {@link UndecodableException}; the allocation stays within the content a
 * frame of that size can hold ({@link Compressor#maxContentSize}) plus copies of the input.
 */
class StoredFormFuzzTest {

    private final MasterKey key = MasterKey.random(new SecureRandom());
    private final Sealer sealer = new Sealer(key.encryptionKey());
    private final StoredForm form = new StoredForm(sealer, 3);
    private final byte[] valid = form.encodeToArray(("{\"version\":1,\"packs\":[]} " + "text ".repeat(200))
            .getBytes(), Domain.INDEX);

    @Property
    void arbitraryBytesDoNotAuthenticate(@ForAll @Size(max = 4096) byte[] stored,
                                         @ForAll Domain domain) {
        decode(stored, domain);
    }

    @Property
    void mutatedStoredObjectsDoNotAuthenticate(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n) {
        decode(Untrusted.mutate(valid, seed, n), Domain.INDEX);
    }

    @Property
    void arbitraryAuthenticatedPayloadsDecodeOrAreUndecodable(@ForAll byte flag,
                                                             @ForAll @Size(max = 4096) byte[] payload) {
        decode(sealed(flag, payload), Domain.SNAPSHOT);
    }

    @Property
    void mutatedAuthenticatedZstdFramesDecodeOrAreUndecodable(@ForAll long seed,
                                                             @ForAll @IntRange(min = 1, max = 6) int n)
            throws UndecodableException {
        ByteBuffer plain = form.decode(ByteBuffer.wrap(valid), Domain.INDEX); // the frame inside, re-made below
        byte[] text = new byte[plain.remaining()];
        plain.get(text);
        ByteBuffer source = ByteBuffer.allocateDirect(text.length).put(text).flip();
        ByteBuffer frame = ByteBuffer.allocateDirect(Compressor.bound(text.length));
        int length = Compressor.compress(source, frame, 3);
        byte[] bytes = new byte[length];
        frame.get(bytes);
        decode(sealed(StoredForm.ZSTD, Untrusted.mutate(bytes, seed, n)), Domain.SNAPSHOT);
    }

    private void decode(byte[] stored, Domain domain) {
        long bound = 3L * stored.length + Compressor.maxContentSize(stored.length) * 2 + (1 << 20);
        Untrusted.parse("stored object of " + stored.length + " bytes", bound,
                () -> form.decode(ByteBuffer.wrap(stored), domain), UndecodableException.class);
    }

    private byte[] sealed(byte flag, byte[] payload) {
        ByteBuffer plain = ByteBuffer.allocate(payload.length + 1).put(flag).put(payload).flip();
        ByteBuffer out = ByteBuffer.allocate(plain.remaining() + Sealer.OVERHEAD);
        sealer.seal(plain, out, Domain.SNAPSHOT.aad());
        return out.array();
    }
}
