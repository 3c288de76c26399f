package org.stowage.engine.internal.pack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.MasterKey;
import org.stowage.engine.internal.crypto.Sealer;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.crypto.UndecodableException;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.testing.Untrusted;

/**
 * Fuzzes the pack trailer and header: arbitrary bytes and mutations of a real pack, read from a device and from
 * memory (the outer layer: what any file in {@code data/} can hold), and the header's plaintext parser fed directly
 * (what a key holder or a buggy writer could seal). Documented outcome: a header whose entries lie within the pack,
 * or an {@link UndecodableException}; the allocation stays within what the header bound allows.
 */
class PackFuzzTest {

    static final int PACK_SIZE = 64 << 10;
    /**
     * The header bound, read once from the device and copied twice while decoding, plus 1 MiB for a thread's first
     * use of the crypto (cipher and scratch set-up; jqwik shrinks in a thread of its own).
     */
    static final long MAX_BYTES = 4 * PackHeader.maxStoredLength(PACK_SIZE) + (1 << 20);

    private final StoredForm form = new StoredForm(new Sealer(MasterKey.random(new SecureRandom()).encryptionKey()),
            3);
    private final byte[] valid = validPack();

    @Property
    void arbitraryBytesAreNoPack(@ForAll @Size(max = 8192) byte[] bytes) {
        check(bytes);
    }

    @Property
    void mutatedPacksAreRefusedOrStayWithinThePack(@ForAll long seed,
                                                   @ForAll @IntRange(min = 1, max = 6) int mutations) {
        check(Untrusted.mutate(valid, seed, mutations));
    }

    @Property
    void anyTrailerOfAnyFileIsRefusedWithoutReadingBeyondTheBound(@ForAll @IntRange(max = 4 << 20) int size,
                                                                 @ForAll int trailer, @ForAll boolean withinFile) {
        byte[] junk = new byte[size]; // the content does not matter: only the trailer is read unauthenticated
        if (size >= 4) {
            // half the tries claim a header that fits in the file: the case only the pack-size bound refuses
            ByteBuffer.wrap(junk).putInt(size - 4, withinFile ? Math.floorMod(trailer, size - 3) : trailer);
        }
        check(junk);
    }

    @Property
    void arbitraryHeaderPlaintextParsesOrIsUndecodable(@ForAll @Size(max = 4096) byte[] plain) {
        Untrusted.parse("pack header plaintext", MAX_BYTES, () -> PackHeader.parse(ByteBuffer.wrap(plain)),
                UndecodableException.class);
    }

    @Property
    void mutatedHeaderPlaintextParsesOrIsUndecodable(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n) {
        byte[] plain = Untrusted.mutate(header().toBytes(), seed, n);
        Untrusted.parse("mutated pack header plaintext", MAX_BYTES, () -> PackHeader.parse(ByteBuffer.wrap(plain)),
                UndecodableException.class);
    }

    private void check(byte[] pack) {
        MemoryDevice device = new MemoryDevice("fuzz");
        String id = "ab".repeat(32);
        try {
            device.put(BlobName.of(BlobType.DATA, id), ByteBuffer.wrap(pack));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        PackHeader read = Untrusted.parse("pack of " + pack.length + " bytes from a device", MAX_BYTES,
                () -> PackReader.readHeader(device, form, id, pack.length, PACK_SIZE), UndecodableException.class);
        PackHeader parsed = Untrusted.parse("pack of " + pack.length + " bytes in memory", MAX_BYTES,
                () -> PackReader.parseHeader(ByteBuffer.wrap(pack), form, PACK_SIZE), UndecodableException.class);
        for (PackHeader header : new PackHeader[] {read, parsed}) {
            if (header != null) {
                for (PackHeader.Entry e : header.entries()) {
                    if (e.offset() < 0 || e.offset() + e.storedLength() > pack.length) {
                        throw new AssertionError("entry " + e + " lies outside the pack of " + pack.length);
                    }
                }
            }
        }
    }

    private static PackHeader header() {
        List<PackHeader.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            entries.add(new PackHeader.Entry(BlobKind.DATA, new BlobId(i, i, i, i), 100L * i, 100, 71, i == 1));
        }
        return new PackHeader(entries);
    }

    private byte[] validPack() {
        PackBuilder builder = new PackBuilder(BlobKind.DATA, ByteBuffer.allocateDirect(8 << 10));
        Random random = new Random(3);
        for (int i = 0; i < 4; i++) {
            byte[] blob = new byte[200 + 300 * i];
            random.nextBytes(blob);
            builder.append(new BlobId(i, 0, 0, i), form.encode(ByteBuffer.wrap(blob), Domain.BLOB));
        }
        ByteBuffer bytes = builder.finish(form).bytes();
        byte[] pack = new byte[bytes.remaining()];
        bytes.get(pack);
        return pack;
    }
}
