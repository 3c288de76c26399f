package org.stowage.engine.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Random;

import org.junit.jupiter.api.Test;

class StoredFormTest {

    private final MasterKey key = MasterKey.random(new SecureRandom());
    private final StoredForm form = new StoredForm(new Sealer(key.encryptionKey()), 3);

    @Test
    void roundTripsHeapAndDirectInputAndUsesFreshNonces() throws UndecodableException {
        byte[] bytes = new byte[100_000];
        new Random(1).nextBytes(bytes);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        byte[] one = form.encodeToArray(bytes, Domain.BLOB);
        StoredForm.Encoded encoded = form.encode(direct, Domain.BLOB);
        assertFalse(encoded.compressed(), "random data is stored raw");
        assertEquals(bytes.length + StoredForm.OVERHEAD, encoded.stored().remaining());
        ByteBuffer two = ByteBuffer.allocate(encoded.stored().remaining()).put(encoded.stored()).flip();
        assertFalse(ByteBuffer.wrap(one).equals(two), "a new nonce each time");
        assertEquals(ByteBuffer.wrap(bytes), form.decode(ByteBuffer.wrap(one), Domain.BLOB));
        assertEquals(ByteBuffer.wrap(bytes), form.decode(two, Domain.BLOB));
        assertEquals(0, direct.position(), "input position unchanged");
    }

    @Test
    void anObjectOfOneDomainDoesNotOpenAsAnother() {
        byte[] stored = form.encodeToArray("{\"tree\":1}".getBytes(), Domain.SNAPSHOT);
        UndecodableException e = assertThrows(UndecodableException.class,
                () -> form.decode(ByteBuffer.wrap(stored), Domain.INDEX));
        assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
    }

    @Test
    void anotherKeyCannotOpenIt() {
        byte[] stored = form.encodeToArray(new byte[1000], Domain.BLOB);
        StoredForm other = new StoredForm(new Sealer(MasterKey.random(new SecureRandom()).encryptionKey()), 3);
        assertThrows(UndecodableException.class, () -> other.decode(ByteBuffer.wrap(stored), Domain.BLOB));
    }

    @Test
    void decodeIntoWritesRawAndCompressedPlaintextIntoTheCallersDirectBufferAtItsPosition()
            throws UndecodableException {
        byte[] random = new byte[40_000];
        new Random(2).nextBytes(random);
        byte[] text = "stowage ".repeat(10_000).getBytes();
        for (byte[] plain : new byte[][] {random, text, new byte[0], {42}}) {
            ByteBuffer stored = ByteBuffer.wrap(form.encodeToArray(plain, Domain.BLOB));
            ByteBuffer out = ByteBuffer.allocateDirect(plain.length + 10).position(3);
            assertEquals(plain.length, form.decodeInto(stored, Domain.BLOB, out));
            assertEquals(3 + plain.length, out.position());
            assertEquals(ByteBuffer.wrap(plain), out.flip().position(3));
            assertEquals(0, stored.position(), "input position unchanged");
        }
    }

    @Test
    void decodeIntoRefusesPlaintextLargerThanTheRoomLeftAndHeapBuffers() {
        for (byte[] plain : new byte[][] {new byte[5000], "x".repeat(5000).getBytes()}) {
            ByteBuffer stored = ByteBuffer.wrap(form.encodeToArray(plain, Domain.BLOB));
            UndecodableException e = assertThrows(UndecodableException.class,
                    () -> form.decodeInto(stored, Domain.BLOB, ByteBuffer.allocateDirect(4999)));
            assertTrue(e.getMessage().contains("4999"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> form.decodeInto(stored, Domain.BLOB, ByteBuffer.allocate(5000)));
        }
    }
}
