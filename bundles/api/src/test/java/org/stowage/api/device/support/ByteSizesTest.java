package org.stowage.api.device.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteSizesTest {

    @Test
    void parsesBytesAndBinaryUnits() {
        assertEquals(0, ByteSizes.parseCapacity("0"));
        assertEquals(1_048_576, ByteSizes.parseCapacity("1048576"));
        assertEquals(3L << 10, ByteSizes.parseCapacity("3k"));
        assertEquals(500L << 20, ByteSizes.parseCapacity("500m"));
        assertEquals(2L << 30, ByteSizes.parseCapacity("2g"));
        assertEquals(2L << 30, ByteSizes.parseCapacity(" 2G "));
        assertEquals(1L << 40, ByteSizes.parseCapacity("1t"));
        assertEquals(16L << 20, ByteSizes.parse("16m"));
        assertEquals(5L << 30, ByteSizes.parse("5G"));
        assertEquals(8L << 20, ByteSizes.parse("8MiB"));
        assertEquals(64L << 10, ByteSizes.parse("64kib"));
    }

    @Test
    void rejectsWhatIsNotACapacityWithAHint() {
        for (String bad : new String[] {"", " ", "abc", "-1", "5x", "1.5g", "2 g", "g", "2gb", "2ib", "2mi", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ByteSizes.parseCapacity(bad), "accepted '" + bad + "'");
            assertTrue(e.getMessage().contains("500m"), e.getMessage());
        }
        assertEquals("'2 TB' is not a capacity: use a whole number of bytes, optionally with k, m, g or t (powers "
                + "of 1024), e.g. 0 (no limit), 500m, 2g, 1t",
                assertThrows(IllegalArgumentException.class, () -> ByteSizes.parseCapacity("2 TB")).getMessage());
    }

    @Test
    void rejectsWhatIsNotASizeWithAHint() {
        assertEquals("'1.5m' is not a size: use a whole number of bytes, optionally with k, m, g or t (powers of "
                + "1024), e.g. 16m, 2g",
                assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("1.5m")).getMessage());
    }

    @Test
    void rejectsOverflow() {
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parseCapacity("8388608t"));
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parseCapacity("99999999999999999999"));
        assertEquals(8388607L << 40, ByteSizes.parseCapacity("8388607t"));
        assertEquals("capacity '9999999999999999999' is too large: at most 9223372036854775807 bytes",
                assertThrows(IllegalArgumentException.class,
                        () -> ByteSizes.parseCapacity("9999999999999999999")).getMessage());
        assertEquals("'8388608t' is too large: at most 9223372036854775807 bytes",
                assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("8388608t")).getMessage());
    }

    @Test
    void formatsForPeopleInBinaryUnits() {
        assertEquals("?", ByteSizes.format(-1));
        assertEquals("0 B", ByteSizes.format(0));
        assertEquals("1023 B", ByteSizes.format(1023));
        assertEquals("1.0 KiB", ByteSizes.format(1024));
        assertEquals("1.5 KiB", ByteSizes.format(1536));
        assertEquals("1.0 MiB", ByteSizes.format((1L << 20) - 20), "1023.98 KiB moves to the next unit");
        assertEquals("2.0 GiB", ByteSizes.format(2L << 30));
        assertEquals("8.0 EiB", ByteSizes.format(Long.MAX_VALUE));
    }
}
