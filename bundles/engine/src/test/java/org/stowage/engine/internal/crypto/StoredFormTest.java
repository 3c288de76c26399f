package org.stowage.engine.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    @Test
    void aZstdFrameDeclaringMoreThanItCanHoldIsRefusedBeforeAnythingIsAllocated() {
        // 13 bytes: magic, single-segment header with a 4-byte content size of 1 GiB, one RLE block of 1 byte
        ByteBuffer frame = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN).putInt(0xFD2FB528).put((byte) 0xA0)
                .putInt(1 << 30).put((byte) 0x0B).put((byte) 0).put((byte) 0).put((byte) 'a').flip();
        ByteBuffer plain = ByteBuffer.allocate(14).put(StoredForm.ZSTD).put(frame).flip();
        ByteBuffer stored = ByteBuffer.allocate(plain.remaining() + Sealer.OVERHEAD);
        new Sealer(key.encryptionKey()).seal(plain, stored, Domain.SNAPSHOT.aad());
        long direct = directMemory();
        UndecodableException e = assertThrows(UndecodableException.class,
                () -> form.decode(stored.flip(), Domain.SNAPSHOT));
        assertTrue(directMemory() - direct < 64 << 20, "decode allocated " + (directMemory() - direct)
                + " bytes of direct memory for a 13-byte frame");
        assertTrue(e.getMessage().contains("declares a content size of 1073741824"), e.getMessage());
    }

    @Test
    void realZstdFramesStayWithinTheContentBound() throws UndecodableException {
        for (int size : new int[] {1, 1000, 1 << 20, 16 << 20}) {
            byte[] zeros = new byte[size];
            byte[] stored = form.encodeToArray(zeros, Domain.INDEX);
            assertEquals(size, form.decode(ByteBuffer.wrap(stored), Domain.INDEX).remaining());
        }
    }

    private static long directMemory() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getTotalCapacity).sum();
    }
}
