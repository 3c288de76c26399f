package org.stowage.api.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BlobNameTest {

    @Test
    void printsAsFolderAndId() {
        assertEquals("data/ab12", BlobName.of(BlobType.DATA, "ab12").toString());
    }

    @Test
    void refusesIdsThatCouldEscapeADirectory() {
        assertThrows(IllegalArgumentException.class, () -> BlobName.of(BlobType.DATA, "../x"));
        assertThrows(IllegalArgumentException.class, () -> BlobName.of(BlobType.DATA, "a/b"));
        assertThrows(IllegalArgumentException.class, () -> BlobName.of(BlobType.DATA, ".hidden"));
        assertThrows(IllegalArgumentException.class, () -> BlobName.of(BlobType.DATA, ""));
    }

    @Test
    void byteRangeRejectsNegativeValues() {
        assertThrows(IllegalArgumentException.class, () -> ByteRange.of(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> ByteRange.of(0, -3));
        assertEquals(10, ByteRange.of(4, 6).end());
    }
}
