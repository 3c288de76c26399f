package org.stowage.engine.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PackTableTest {

    private final Random rnd = new Random(7);

    @Test
    void findsManyHexPacksAndGivesTheirIdsBack() {
        PackTable table = new PackTable();
        Map<String, Integer> ordinals = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String id = hexId();
            int ordinal = table.add(id, i);
            table.setDevices(ordinal, 1L << (i % 64));
            ordinals.put(id, ordinal);
        }
        assertEquals(20_000, table.count());
        ordinals.forEach((id, ordinal) -> {
            assertEquals((int) ordinal, table.ordinal(id));
            assertEquals(id, table.id(ordinal));
            assertEquals((long) ordinal, table.size(ordinal));
            assertEquals(1L << (ordinal % 64), table.devices(ordinal));
        });
        assertEquals(-1, table.ordinal(hexId()), "unknown");
    }

    @Test
    void keepsOtherIdsAsTheyAre() {
        PackTable table = new PackTable();
        String upper = hexId().toUpperCase();
        int a = table.add("pack0", 10);
        int b = table.add(upper, 20);
        assertEquals(a, table.ordinal("pack0"));
        assertEquals(b, table.ordinal(upper));
        assertEquals(upper, table.id(b), "not folded to lower case: the pack's file has this name");
        assertEquals(-1, table.ordinal(upper.toLowerCase()));
        assertEquals(-1, table.ordinal("pack1"));
    }

    @Test
    void removedPacksNoLongerResolveAndCanComeBackUnderANewOrdinal() {
        PackTable table = new PackTable();
        String hex = hexId();
        int first = table.add(hex, 10);
        int other = table.add("other", 5);
        table.remove(hex);
        table.remove("other");
        table.remove("never added");
        assertTrue(table.isRemoved(first));
        assertNull(table.id(first));
        assertEquals(-1, table.ordinal(hex));
        assertEquals(-1, table.ordinal("other"));
        assertNull(table.id(other));

        int again = table.add(hex, 30);
        assertEquals(again, table.ordinal(hex));
        assertEquals(30, table.size(again));
        assertFalse(table.isRemoved(again));
        assertTrue(table.isRemoved(first), "the old ordinal stays removed");
        for (int i = 0; i < 1000; i++) { // rehashes drop the removed pack's slot, not the new one's
            table.add(hexId(), i);
        }
        assertEquals(again, table.ordinal(hex));
    }

    private String hexId() {
        byte[] bytes = new byte[32];
        rnd.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
