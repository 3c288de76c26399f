package org.stowage.engine.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.stowage.engine.internal.repo.BlobId;

class IdTableTest {

    /** What the table must hold for an id. */
    private record Location(int pack, long offset, int storedLength, int plainLength) {
    }

    private final Random rnd = new Random(19);

    @Test
    void findsEveryEntryAcrossMergesAndNoAbsentOne() {
        IdTable table = new IdTable();
        Map<BlobId, Location> expected = new HashMap<>();
        for (int n = 1; n <= 200_000; n++) {
            BlobId id = randomId();
            Location location = new Location(n % 1000, n, 29 + n % 7, n % 13);
            assertTrue(put(table, id, location, false));
            expected.put(id, location);
            if (n == 1 || n == 1024 || n == 1025 || n == 9216 || n == 50_000 || n == 200_000) {
                assertHolds(table, expected); // both sides of merges, in the tail and in the sorted part
            }
        }
    }

    @Test
    void firstLocationWinsUnlessReplaced() {
        IdTable table = new IdTable();
        List<BlobId> ids = new ArrayList<>();
        for (int i = 0; i < 5000; i++) { // most merged, the last ones in the tail
            ids.add(randomId());
            table.put(ids.get(i), i % 10, i, 100, 200);
        }
        BlobId merged = ids.get(10);
        BlobId inTail = ids.get(4999);
        for (BlobId id : List.of(merged, inTail)) {
            int pack = table.pack(table.find(id));
            assertFalse(table.put(id, 77, 1, 2, 3), "a duplicate keeps the first location");
            assertEquals(pack, table.pack(table.find(id)));
            List<Integer> asked = new ArrayList<>();
            assertFalse(table.put(id, 77, 1, 2, 3, existing -> asked.add(existing) && false));
            assertEquals(List.of(pack), asked, "the predicate sees the existing pack ordinal");
            assertTrue(table.put(id, 77, 1, 2, 3, existing -> existing == pack));
            int position = table.find(id);
            assertEquals(List.of(77, 1L, 2, 3), List.of(table.pack(position), table.offset(position),
                    table.storedLength(position), table.plainLength(position)));
        }
        assertEquals(5000, table.size(), "replacing adds nothing");
    }

    @Test
    void retainsPacksAndKeepsWorkingAfterwards() {
        IdTable table = new IdTable();
        Map<BlobId, Location> expected = new HashMap<>();
        for (int i = 0; i < 30_000; i++) {
            BlobId id = randomId();
            put(table, id, new Location(i % 5, i, 50, 60), false);
            expected.put(id, new Location(i % 5, i, 50, 60));
        }
        table.retainPacks(pack -> pack != 2);
        expected.values().removeIf(location -> location.pack() == 2);
        assertHolds(table, expected);
        for (int i = 0; i < 10_000; i++) {
            BlobId id = randomId();
            put(table, id, new Location(9, i, 50, 60), false);
            expected.put(id, new Location(9, i, 50, 60));
        }
        assertHolds(table, expected);
        table.retainPacks(pack -> false);
        assertEquals(0, table.size());
        assertEquals(-1, table.find(expected.keySet().iterator().next()));
    }

    @Test
    void idsThatShareTheirFirstWordOrAllFallInOneRange() {
        IdTable table = new IdTable();
        Map<BlobId, Location> expected = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            // 40 ids per first word, first words small, so that all of them share one range of the directory
            BlobId id = new BlobId(i % 500, rnd.nextLong(), rnd.nextLong(), i);
            put(table, id, new Location(i, i, 30, 40), false);
            expected.put(id, new Location(i, i, 30, 40));
        }
        BlobId last = new BlobId(1, 2, 3, 4);
        put(table, last, new Location(1, 2, 3, 4), false);
        expected.put(last, new Location(1, 2, 3, 4));
        assertHolds(table, expected);
        assertEquals(-1, table.find(new BlobId(1, 2, 3, 5)), "differs in the last word only");
        assertEquals(-1, table.find(new BlobId(-1, 2, 3, 4)));
    }

    @Test
    void keepsFullRangesOfLocations() {
        IdTable table = new IdTable();
        BlobId id = randomId();
        table.put(id, Integer.MAX_VALUE - 1, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
        int position = table.find(id);
        assertEquals(List.of(Integer.MAX_VALUE - 1, (long) Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE),
                List.of(table.pack(position), table.offset(position), table.storedLength(position),
                        table.plainLength(position)));
        assertThrows(ArithmeticException.class, () -> table.put(randomId(), 0, 1L << 31, 29, 0),
                "a pack is at most 2^31 - 1 bytes");
    }

    @Test
    void agreesWithAHashMapOverRandomOperations() {
        IdTable table = new IdTable();
        Map<BlobId, Location> expected = new HashMap<>();
        List<BlobId> added = new ArrayList<>();
        for (int op = 0; op < 200_000; op++) {
            int what = rnd.nextInt(100);
            if (what < 60 || added.isEmpty()) {
                BlobId id = randomId();
                Location location = new Location(rnd.nextInt(64), rnd.nextInt(1 << 30), 29 + rnd.nextInt(1000),
                        rnd.nextInt());
                assertTrue(put(table, id, location, false));
                expected.put(id, location);
                added.add(id);
            } else if (what < 75) {
                BlobId id = added.get(rnd.nextInt(added.size()));
                boolean replace = rnd.nextBoolean();
                Location location = new Location(rnd.nextInt(64), rnd.nextInt(1 << 30), 29, 0);
                boolean present = expected.containsKey(id);
                assertEquals(present && replace || !present, put(table, id, location, replace));
                if (replace || !present) {
                    expected.put(id, location);
                }
            } else if (what < 99) {
                BlobId id = rnd.nextBoolean() ? randomId() : added.get(rnd.nextInt(added.size()));
                int position = table.find(id);
                assertEquals(expected.get(id), position < 0 ? null : locationAt(table, position));
            } else if (rnd.nextInt(20) == 0) {
                int dropped = rnd.nextInt(64);
                table.retainPacks(pack -> pack != dropped);
                expected.values().removeIf(location -> location.pack() == dropped);
            }
        }
        assertHolds(table, expected);
    }

    private boolean put(IdTable table, BlobId id, Location location, boolean replace) {
        return table.put(id, location.pack(), location.offset(), location.storedLength(), location.plainLength(),
                existing -> replace);
    }

    /** The table holds exactly {@code expected}: every id found where expected, and every position visited once. */
    private static void assertHolds(IdTable table, Map<BlobId, Location> expected) {
        assertEquals(expected.size(), table.size());
        expected.forEach((id, location) -> {
            int position = table.find(id);
            assertTrue(position >= 0, () -> "lost " + id);
            assertEquals(id, table.id(position));
            assertEquals(location, locationAt(table, position));
        });
        Map<BlobId, Location> visited = new HashMap<>();
        for (int position = 0; position < table.size(); position++) {
            visited.put(table.id(position), locationAt(table, position));
        }
        assertEquals(expected, visited);
    }

    private static Location locationAt(IdTable table, int position) {
        return new Location(table.pack(position), table.offset(position), table.storedLength(position),
                table.plainLength(position));
    }

    private BlobId randomId() {
        return new BlobId(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
    }
}
