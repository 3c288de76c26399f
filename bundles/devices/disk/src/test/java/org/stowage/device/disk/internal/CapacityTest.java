package org.stowage.device.disk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CapacityTest {

    @Test
    void parsesBytesAndBinaryUnits() {
        assertEquals(0, Capacity.parse("0"));
        assertEquals(1_048_576, Capacity.parse("1048576"));
        assertEquals(3L << 10, Capacity.parse("3k"));
        assertEquals(500L << 20, Capacity.parse("500m"));
        assertEquals(2L << 30, Capacity.parse("2g"));
        assertEquals(2L << 30, Capacity.parse(" 2G "));
        assertEquals(1L << 40, Capacity.parse("1t"));
    }

    @Test
    void rejectsWhatIsNotACapacityWithAHint() {
        for (String bad : new String[] {"", " ", "abc", "-1", "5x", "1.5g", "2 g", "g", "2gb", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Capacity.parse(bad),
                    "accepted '" + bad + "'");
            assertTrue(e.getMessage().contains("500m"), e.getMessage());
        }
    }

    @Test
    void rejectsOverflow() {
        assertThrows(IllegalArgumentException.class, () -> Capacity.parse("8388608t"));
        assertThrows(IllegalArgumentException.class, () -> Capacity.parse("99999999999999999999"));
        assertEquals(8388607L << 40, Capacity.parse("8388607t"));
    }
}
