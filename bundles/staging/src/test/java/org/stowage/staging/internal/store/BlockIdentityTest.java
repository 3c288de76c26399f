package org.stowage.staging.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.staging.internal.store.StoreFixtures.random;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both block identities through a header round trip and the verifier: a version 1 block (every block a store wrote
 * before packs got version 2) is checked by its SHA-256, a version 2 block by its CRC32C, and either finds one
 * flipped byte.
 */
class BlockIdentityTest {

    private static final Instant CREATED = Instant.parse("2026-12-06T16:30:00Z");

    @ParameterizedTest
    @EnumSource(BlockIdentity.class)
    void aHeaderKeepsItsIdentityAndTheVerifierChecksTheDataByIt(BlockIdentity identity) {
        ByteBuffer data = random(4096, 5);
        BlockId id = identity == BlockIdentity.CONTENT_HASH ? BlockId.hashOf(data)
                : BlockId.unique(new byte[16], 3, data);
        BlockHeader header = new BlockHeader(CREATED, data.remaining(), 8192, id, identity);
        ByteBuffer record = record(header, data);

        assertEquals(Optional.of(header), BlockHeader.decode(record).header());
        BlockRef ref = new BlockRef(id, new BlockLocation(1, 0, data.remaining()));
        assertEquals(Optional.empty(), BlockVerifier.problem(record, ref));

        record.put(BlockHeader.LENGTH + 100, (byte) ~record.get(BlockHeader.LENGTH + 100));
        Optional<String> problem = BlockVerifier.problem(record, ref);
        assertTrue(problem.isPresent(), "one flipped byte is found");
        assertTrue(problem.get().contains(identity == BlockIdentity.CONTENT_HASH ? "hashes to" : "CRC32C"),
                problem.get());
    }

    @Test
    void anUnknownHeaderVersionIsReportedNotGuessed() {
        ByteBuffer data = random(100, 6);
        ByteBuffer encoded = new BlockHeader(CREATED, 100, 0, BlockId.hashOf(data), BlockIdentity.CHECKSUM).encode();
        byte[] raw = new byte[BlockHeader.LENGTH];
        encoded.get(raw);
        raw[4] = 3;
        assertEquals("header checksum mismatch", BlockHeader.decode(ByteBuffer.wrap(raw)).problem(),
                "the version byte is covered by the header's CRC");
        CRC32C crc = new CRC32C();
        crc.update(raw, 0, BlockHeader.LENGTH - 4);
        ByteBuffer.wrap(raw).putInt(BlockHeader.LENGTH - 4, (int) crc.getValue());
        assertEquals("unknown block header version 3", BlockHeader.decode(ByteBuffer.wrap(raw)).problem());
    }

    @Test
    void uniqueIdsDifferByNonceAndIndexEvenForEqualDataAndEndInTheirCrc32c() {
        ByteBuffer data = random(512, 7);
        byte[] nonce = new byte[16];
        BlockId first = BlockId.unique(nonce, 0, data);
        assertNotEquals(first, BlockId.unique(nonce, 1, data));
        nonce[0] = 1;
        assertNotEquals(first, BlockId.unique(nonce, 0, data));
        assertEquals(BlockId.crc32c(data), first.checksum());
    }

    private static ByteBuffer record(BlockHeader header, ByteBuffer data) {
        return ByteBuffer.allocate(BlockHeader.LENGTH + data.remaining()).put(header.encode()).put(data.duplicate())
                .flip();
    }
}
