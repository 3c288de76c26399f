package org.stowage.engine.internal.index;

import org.stowage.engine.internal.repo.BlobId;

/**
 * Finds the entries an {@link IdTable} added since its last merge (its tail) by id: open addressing over longs that
 * each hold an entry's position and the low 32 bits of its id's first word, so that a probe reads an entry only when
 * those bits match, and growing needs no entry. Doubles at 70 % load, so a slot costs 8 / 0.7 to 8 / 0.35 bytes
 * per entry of the tail. Not thread-safe: the table's owner guards it.
 */
final class TailHash {

    private static final int MIN_SLOTS = 64;
    private static final double MAX_LOAD = 0.7;
    private static final long SPREAD = 0x9e37_79b9_7f4a_7c15L; // 2^64 / golden ratio: multiplicative hashing

    private final EntryPages entries;
    private long[] slots; // (low 32 bits of the id's first word) << 32 | position + 1; 0 for an empty slot
    private int shift; // 64 - log2(slots.length)
    private int size;

    TailHash(EntryPages entries) {
        this.entries = entries;
        clear();
    }

    /** Forgets every entry (after a merge) and gives the memory back. */
    void clear() {
        allocate(MIN_SLOTS);
    }

    /** The position of the entry with {@code id}, or -1. */
    int find(BlobId id) {
        long fingerprint = id.w0() & 0xffff_ffffL;
        int mask = slots.length - 1;
        for (int slot = home(fingerprint); slots[slot] != 0; slot = (slot + 1) & mask) {
            if (slots[slot] >>> 32 == fingerprint && entries.matches(position(slots[slot]), id)) {
                return position(slots[slot]);
            }
        }
        return -1;
    }

    /** Adds the entry at {@code position}, whose id this hash does not hold. */
    void add(int position) {
        if (size + 1 > MAX_LOAD * slots.length) {
            long[] old = slots;
            allocate(2 * old.length);
            for (long value : old) {
                if (value != 0) {
                    insert(value);
                }
            }
        }
        insert((entries.key(position) & 0xffff_ffffL) << 32 | position + 1);
    }

    private void insert(long value) {
        int mask = slots.length - 1;
        int slot = home(value >>> 32);
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = value;
        size++;
    }

    private int home(long fingerprint) {
        return (int) ((fingerprint * SPREAD) >>> shift);
    }

    private static int position(long value) {
        return (int) value - 1;
    }

    private void allocate(int length) {
        slots = new long[length];
        shift = Long.SIZE - Integer.numberOfTrailingZeros(length);
        size = 0;
    }
}
