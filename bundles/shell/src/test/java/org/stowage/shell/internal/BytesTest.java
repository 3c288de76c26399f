package org.stowage.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void formatsWithBinaryUnits() {
        assertEquals("0 B", Bytes.format(0));
        assertEquals("1023 B", Bytes.format(1023));
        assertEquals("1.0 KiB", Bytes.format(1024));
        assertEquals("1.5 KiB", Bytes.format(1536));
        assertEquals("1.2 GiB", Bytes.format(1_288_490_189L));
        assertEquals("8.0 EiB", Bytes.format(Long.MAX_VALUE));
    }

    @Test
    void roundingUpMovesToTheNextUnit() {
        assertEquals("1.0 MiB", Bytes.format(1024 * 1024 - 1));
        assertEquals("1023.9 KiB", Bytes.format(1024 * 1023 + 920));
    }

    @Test
    void unknownIsAQuestionMark() {
        assertEquals("?", Bytes.format(-1));
    }

    @Test
    void rates() {
        assertEquals("45.5 MiB/s", Bytes.rate(45.5 * 1024 * 1024));
        assertEquals("0 B/s", Bytes.rate(0));
        assertEquals("12.3", Bytes.mibPerSecond(12.3 * 1024 * 1024));
        assertEquals("0.0", Bytes.mibPerSecond(-5));
    }
}
