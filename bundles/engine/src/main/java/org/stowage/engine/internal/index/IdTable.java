package org.stowage.engine.internal.index;

import java.util.Arrays;
import java.util.function.IntPredicate;

import org.stowage.engine.internal.repo.BlobId;

/**
 * An open-addressing hash table from blob id to location, in parallel primitive arrays (48 bytes per entry plus
 * free slots, against ~150 for a HashMap of records). Offsets are ints: a pack is at most 2^31 - 1 bytes (packs are
 * built in memory, and index files are validated against that). Ids are keyed hashes, so their first word is a
 * uniform hash. Not thread-safe: {@link MasterIndex} guards it.
 */
final class IdTable {

    private static final double MAX_LOAD = 0.7;

    private long[] words;
    private int[] packs;
    private int[] offsets;
    private int[] stored;
    private int[] plain;
    private int size;
    private int mask;

    IdTable(int capacity) {
        allocate(Integer.highestOneBit(Math.max(16, capacity) - 1) << 1);
    }

    int size() {
        return size;
    }

    /** The slot holding {@code id}, or -1. */
    int find(BlobId id) {
        for (int slot = (int) id.w0() & mask; packs[slot] != 0; slot = (slot + 1) & mask) {
            if (matches(slot, id)) {
                return slot;
            }
        }
        return -1;
    }

    /** Adds an entry unless the id is present (the first location wins); returns whether it was added. */
    boolean put(BlobId id, int pack, long offset, int storedLength, int plainLength) {
        return put(id, pack, offset, storedLength, plainLength, existing -> false);
    }

    /**
     * Like {@link #put(BlobId, int, long, int, int)}, but an existing entry whose pack ordinal passes
     * {@code replace} takes this location instead.
     */
    boolean put(BlobId id, int pack, long offset, int storedLength, int plainLength, IntPredicate replace) {
        if (size + 1 > MAX_LOAD * packs.length) {
            rehash(packs.length * 2, p -> true);
        }
        int slot = (int) id.w0() & mask;
        for (; packs[slot] != 0; slot = (slot + 1) & mask) {
            if (matches(slot, id)) {
                if (!replace.test(packs[slot] - 1)) {
                    return false;
                }
                packs[slot] = pack + 1;
                offsets[slot] = Math.toIntExact(offset);
                stored[slot] = storedLength;
                plain[slot] = plainLength;
                return true;
            }
        }
        words[4 * slot] = id.w0();
        words[4 * slot + 1] = id.w1();
        words[4 * slot + 2] = id.w2();
        words[4 * slot + 3] = id.w3();
        packs[slot] = pack + 1;
        offsets[slot] = Math.toIntExact(offset);
        stored[slot] = storedLength;
        plain[slot] = plainLength;
        size++;
        return true;
    }

    /** Drops every entry whose pack ordinal fails {@code keep}. */
    void retainPacks(IntPredicate keep) {
        rehash(packs.length, keep);
    }

    /** Number of slots; slots in {@code [0, capacity())} with {@link #isUsed} hold entries. */
    int capacity() {
        return packs.length;
    }

    boolean isUsed(int slot) {
        return packs[slot] != 0;
    }

    BlobId id(int slot) {
        return new BlobId(words[4 * slot], words[4 * slot + 1], words[4 * slot + 2], words[4 * slot + 3]);
    }

    int pack(int slot) {
        return packs[slot] - 1;
    }

    long offset(int slot) {
        return offsets[slot];
    }

    int storedLength(int slot) {
        return stored[slot];
    }

    int plainLength(int slot) {
        return plain[slot];
    }

    private boolean matches(int slot, BlobId id) {
        int w = 4 * slot;
        return words[w] == id.w0() && words[w + 1] == id.w1() && words[w + 2] == id.w2() && words[w + 3] == id.w3();
    }

    private void rehash(int newCapacity, IntPredicate keep) {
        long[] oldWords = words;
        int[] oldPacks = packs;
        int[] oldOffsets = offsets;
        int[] oldStored = stored;
        int[] oldPlain = plain;
        allocate(newCapacity);
        for (int slot = 0; slot < oldPacks.length; slot++) {
            if (oldPacks[slot] != 0 && keep.test(oldPacks[slot] - 1)) {
                int w = 4 * slot;
                put(new BlobId(oldWords[w], oldWords[w + 1], oldWords[w + 2], oldWords[w + 3]), oldPacks[slot] - 1,
                        oldOffsets[slot], oldStored[slot], oldPlain[slot]);
            }
        }
    }

    private void allocate(int capacity) {
        words = new long[4 * capacity];
        packs = new int[capacity];
        offsets = new int[capacity];
        stored = new int[capacity];
        plain = new int[capacity];
        Arrays.fill(packs, 0);
        size = 0;
        mask = capacity - 1;
    }
}
