package org.stowage.engine.internal.index;

import java.util.Arrays;

import org.stowage.engine.internal.repo.BlobId;

/**
 * Index entries by position: a 32-byte blob id and its location (pack ordinal, offset, stored and plain length), 48
 * bytes, in pages of primitive arrays that are added and dropped as the entries grow and shrink. So no array is
 * copied to grow, no more than one page stands empty, and no array is large enough for the collector to treat it as
 * humongous. The first word of each id, the search key, has pages of its own, so that a search reads eight keys per
 * cache line; the rest of the entry is read once the search has found its position. Not thread-safe: the owner
 * guards it.
 */
final class EntryPages {

    private static final int PAGE_BITS = 12;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int IN_PAGE = PAGE - 1;
    // the longs of an entry in rest: w1, w2, w3, pack << 32 | offset, storedLength << 32 | plainLength
    private static final int REST = 5;
    private static final int LOCATION = 3;
    private static final int LENGTHS = 4;
    private static final long LOW = 0xffff_ffffL;

    private long[][] keys = new long[0][];
    private long[][] rest = new long[0][];
    private int pages;

    /** Makes room for the positions below {@code size}, adding pages. */
    void ensureCapacity(int size) {
        while ((long) pages << PAGE_BITS < size) {
            if (pages == keys.length) {
                keys = Arrays.copyOf(keys, Math.max(8, 2 * pages));
                rest = Arrays.copyOf(rest, keys.length);
            }
            keys[pages] = new long[PAGE];
            rest[pages] = new long[REST * PAGE];
            pages++;
        }
    }

    /** Drops the pages that hold no position below {@code size}. */
    void trimTo(int size) {
        int needed = (int) (((long) size + IN_PAGE) >>> PAGE_BITS);
        for (int page = needed; page < pages; page++) {
            keys[page] = null;
            rest[page] = null;
        }
        pages = Math.min(pages, needed);
    }

    /** The first word of the id at {@code i}: ids sort by it first, and it is a uniform hash. */
    long key(int i) {
        return keys[i >>> PAGE_BITS][i & IN_PAGE];
    }

    BlobId id(int i) {
        return new BlobId(key(i), restWord(i, 0), restWord(i, 1), restWord(i, 2));
    }

    int pack(int i) {
        return (int) (restWord(i, LOCATION) >>> 32);
    }

    int offset(int i) {
        return (int) restWord(i, LOCATION);
    }

    int storedLength(int i) {
        return (int) (restWord(i, LENGTHS) >>> 32);
    }

    int plainLength(int i) {
        return (int) restWord(i, LENGTHS);
    }

    /** Compares the id at {@code i} with the one at {@code j} of {@code other} (possibly this), as BlobId does. */
    int compare(int i, EntryPages other, int j) {
        int c = Long.compareUnsigned(key(i), other.key(j));
        for (int word = 0; c == 0 && word < 3; word++) {
            c = Long.compareUnsigned(restWord(i, word), other.restWord(j, word));
        }
        return c;
    }

    boolean matches(int i, BlobId id) {
        if (key(i) != id.w0()) {
            return false;
        }
        long[] page = rest[i >>> PAGE_BITS];
        int at = REST * (i & IN_PAGE);
        return page[at] == id.w1() && page[at + 1] == id.w2() && page[at + 2] == id.w3();
    }

    void set(int i, BlobId id, int pack, int offset, int storedLength, int plainLength) {
        keys[i >>> PAGE_BITS][i & IN_PAGE] = id.w0();
        long[] page = rest[i >>> PAGE_BITS];
        int at = REST * (i & IN_PAGE);
        page[at] = id.w1();
        page[at + 1] = id.w2();
        page[at + 2] = id.w3();
        setLocation(i, pack, offset, storedLength, plainLength);
    }

    void setLocation(int i, int pack, int offset, int storedLength, int plainLength) {
        long[] page = rest[i >>> PAGE_BITS];
        int at = REST * (i & IN_PAGE);
        page[at + LOCATION] = (long) pack << 32 | offset & LOW;
        page[at + LENGTHS] = (long) storedLength << 32 | plainLength & LOW;
    }

    /** Copies the entry at {@code from} of {@code source} (possibly this) to position {@code to}. */
    void copy(EntryPages source, int from, int to) {
        keys[to >>> PAGE_BITS][to & IN_PAGE] = source.key(from);
        System.arraycopy(source.rest[from >>> PAGE_BITS], REST * (from & IN_PAGE), rest[to >>> PAGE_BITS],
                REST * (to & IN_PAGE), REST);
    }

    private long restWord(int i, int word) {
        return rest[i >>> PAGE_BITS][REST * (i & IN_PAGE) + word];
    }
}
