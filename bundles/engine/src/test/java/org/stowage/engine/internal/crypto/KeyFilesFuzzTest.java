package org.stowage.engine.internal.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.TestRepositories;
import org.stowage.engine.internal.testing.JsonMutator;
import org.stowage.engine.internal.testing.Untrusted;

/**
 * Fuzzes the key file, the one plaintext object on a device: anyone who can write to {@code keys/} chooses its
 * bytes. Documented outcome of reading one: a {@link KeyFile} within the scrypt bounds, or an {@link IOException}
 * naming it. Opening a repository beside such a planted file still opens it with the real key.
 */
class KeyFilesFuzzTest {

    private static final long MAX_BYTES = 8 << 20;
    /** Sorts before any real key file's hex id, so open meets it first. */
    private static final BlobName PLANTED = BlobName.of(BlobType.KEY, "0");

    private final MemoryDevice device = new MemoryDevice("fuzz");
    private final byte[] valid;

    KeyFilesFuzzTest() throws IOException {
        TestRepositories.init(device).close();
        BlobName[] real = new BlobName[1];
        device.list(BlobType.KEY, info -> real[0] = info.name());
        ByteBuffer bytes = device.get(real[0], org.stowage.api.device.ByteRange.ALL);
        valid = new byte[bytes.remaining()];
        bytes.get(valid);
    }

    @Property
    void arbitraryBytesAreAKeyFileWithinBoundsOrRefused(@ForAll @Size(max = 4096) byte[] bytes) {
        read(bytes);
    }

    @Property
    void mutatedKeyFilesAreWithinBoundsOrRefused(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int n) {
        read(Untrusted.mutate(valid, seed, n));
    }

    @Property
    void structurallyMutatedKeyFilesAreWithinBoundsOrRefusedAndTheRealKeyStillOpens(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n) throws IOException {
        read(JsonMutator.mutate(valid, seed, n));
        Repositories.open(device, TestRepositories.PASSWORD).close();
    }

    private void read(byte[] bytes) {
        device.delete(PLANTED);
        try {
            device.put(PLANTED, ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        KeyFile file = Untrusted.parse("key file " + new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
                MAX_BYTES, () -> KeyFiles.read(device, PLANTED), IOException.class);
        if (file != null) {
            KeyFile.checkScrypt(file.n(), file.r(), file.p()); // what open would spend is within the bounds
        }
    }
}
