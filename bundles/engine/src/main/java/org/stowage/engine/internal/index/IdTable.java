package org.stowage.engine.internal.index;

import java.util.Arrays;
import java.util.function.IntPredicate;

import org.stowage.engine.internal.repo.BlobId;

/**
 * Blob id to location in ~50 bytes per entry, where a hash table needs 48 per slot at a load of 0.35 to 0.7. The
 * entries are dense ({@link EntryPages}: 48 bytes each, no empty slots). Those at positions below {@code sorted} are
 * in id order, found through a fan-out directory (for each range of first id words, its first position; one range
 * per 16 to 32 entries, at most a quarter of a byte per entry) and a guess within the range: ids are keyed hashes,
 * so their first words are uniform, and the guess is a few positions off. The entries added since (the tail) are
 * found through a {@link TailHash}. When the tail reaches an eighth of the sorted entries, it is sorted and merged
 * into them in place, so that an add costs ~8 entry moves amortised and a merge needs up to 60 bytes per tail entry
 * (~7 per entry in all) on top for as long as it runs. Ids are kept whole: a lookup never matches another blob.
 *
 * <p>Offsets are ints: a pack is at most 2^31 - 1 bytes (packs are built in memory, and index files are validated
 * against that). A position that {@link #find} returns is valid until the next {@link #put} or
 * {@link #retainPacks}; positions {@code [0, size())} hold the entries. Not thread-safe: {@link MasterIndex} guards
 * it ({@link #find}, {@link #size} and the getters only read, and may run in parallel).
 */
final class IdTable {

    private static final int MIN_TAIL = 1024;
    private static final int TAIL_FRACTION = 8; // the tail is merged when it reaches sorted / TAIL_FRACTION entries
    private static final int ENTRIES_PER_RANGE = 16; // at least, on average, in a range of the directory
    private static final int SCAN = 16; // the most keys a lookup reads one after the other

    private final EntryPages entries = new EntryPages();
    private final TailHash tail = new TailHash(entries);
    private int size;
    private int sorted;
    private int[] directory; // range r of first words holds the sorted positions [directory[r], directory[r + 1])
    private int shift; // a first word's range is its top 64 - shift bits

    IdTable() {
        buildDirectory();
    }

    int size() {
        return size;
    }

    /** The position of the entry with {@code id}, or -1. */
    int find(BlobId id) {
        long key = id.w0();
        int range = (int) (key >>> shift);
        int start = directory[range];
        int end = directory[range + 1];
        // first words are uniform within a range too: the share of the range below the key places it within a few
        long below = (key << Long.SIZE - shift) >>> Integer.SIZE;
        int guess = start + (int) ((below * (end - start)) >>> Integer.SIZE);
        for (int position = firstNotBelow(key, start, end, guess); position < end && entries.key(position) == key;
                position++) {
            if (entries.matches(position, id)) {
                return position;
            }
        }
        return tail.find(id);
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
        int offsetInPack = Math.toIntExact(offset);
        int position = find(id);
        if (position >= 0) {
            if (!replace.test(entries.pack(position))) {
                return false;
            }
            entries.setLocation(position, pack, offsetInPack, storedLength, plainLength);
            return true;
        }
        if (size - sorted >= Math.max(MIN_TAIL, sorted / TAIL_FRACTION)) {
            merge();
        }
        entries.ensureCapacity(size + 1);
        entries.set(size, id, pack, offsetInPack, storedLength, plainLength);
        tail.add(size++);
        return true;
    }

    /** Drops every entry whose pack ordinal fails {@code keep}. */
    void retainPacks(IntPredicate keep) {
        merge();
        int kept = 0;
        for (int position = 0; position < size; position++) {
            if (keep.test(entries.pack(position))) {
                entries.copy(entries, position, kept++);
            }
        }
        size = kept;
        sorted = kept;
        entries.trimTo(size);
        buildDirectory();
    }

    BlobId id(int position) {
        return entries.id(position);
    }

    int pack(int position) {
        return entries.pack(position);
    }

    long offset(int position) {
        return entries.offset(position);
    }

    int storedLength(int position) {
        return entries.storedLength(position);
    }

    int plainLength(int position) {
        return entries.plainLength(position);
    }

    /**
     * The first sorted position in {@code [start, end)} whose first word is not below {@code key}, or {@code end}.
     * Reads on from {@code guess} one entry after the other, so that the reads overlap (each address is known before
     * the previous read returns); a bad guess (ids that are not uniform: tests) ends in a binary search.
     */
    private int firstNotBelow(long key, int start, int end, int guess) {
        int low = start; // the position is in [low, high]
        int high = end;
        if (guess < end && isBelow(guess, key)) {
            low = guess + 1;
            for (int read = 0; low < high && read < SCAN; read++) {
                if (isBelow(low, key)) {
                    low++;
                } else {
                    high = low;
                }
            }
        } else {
            high = guess;
            for (int read = 0; low < high && read < SCAN; read++) {
                if (isBelow(high - 1, key)) {
                    low = high;
                } else {
                    high--;
                }
            }
        }
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (isBelow(middle, key)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private boolean isBelow(int position, long key) {
        return Long.compareUnsigned(entries.key(position), key) < 0;
    }

    /**
     * Sorts the tail into a scratch copy and merges it with the sorted entries from the back, so that every entry
     * moves at most once and the only extra memory is the copy.
     */
    private void merge() {
        int count = size - sorted;
        if (count == 0) {
            return;
        }
        int[] order = tailInIdOrder();
        tail.clear();
        EntryPages scratch = new EntryPages();
        scratch.ensureCapacity(count);
        for (int k = 0; k < count; k++) {
            scratch.copy(entries, order[k], k);
        }
        int from = sorted - 1;
        int to = size - 1;
        for (int k = count - 1; k >= 0; to--) {
            if (from >= 0 && entries.compare(from, scratch, k) > 0) {
                entries.copy(entries, from--, to);
            } else {
                entries.copy(scratch, k--, to);
            }
        }
        sorted = size;
        buildDirectory();
    }

    /**
     * The tail's positions in id order: a primitive sort of the first words' top bits with the position in the low
     * bits, then an insertion pass that orders by whole id the rare neighbours whose top bits are equal.
     */
    private int[] tailInIdOrder() {
        int count = size - sorted;
        long low = (Long.highestOneBit(count) << 1) - 1; // bits enough for 0 to count - 1
        long[] keys = new long[count];
        for (int k = 0; k < count; k++) {
            // flipping the sign bit makes the signed sort order the unsigned order of BlobId.compareTo
            keys[k] = ((entries.key(sorted + k) ^ Long.MIN_VALUE) & ~low) | k;
        }
        Arrays.sort(keys);
        int[] order = new int[count];
        for (int k = 0; k < count; k++) {
            order[k] = sorted + (int) (keys[k] & low);
            for (int m = k; m > 0 && (keys[m - 1] & ~low) == (keys[k] & ~low)
                    && entries.compare(order[m - 1], entries, order[m]) > 0; m--) {
                int swap = order[m];
                order[m] = order[m - 1];
                order[m - 1] = swap;
            }
        }
        return order;
    }

    /** Sizes the directory to the sorted entries, at least {@value #ENTRIES_PER_RANGE} per range on average. */
    private void buildDirectory() {
        int bits = Math.max(1, 31 - Integer.numberOfLeadingZeros(Math.max(1, sorted / ENTRIES_PER_RANGE)));
        int[] starts = new int[(1 << bits) + 1];
        shift = Long.SIZE - bits;
        for (int position = 0; position < sorted; position++) {
            starts[(int) (entries.key(position) >>> shift) + 1]++;
        }
        for (int range = 1; range < starts.length; range++) {
            starts[range] += starts[range - 1];
        }
        directory = starts;
    }
}
