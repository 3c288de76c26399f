package org.stowage.engine.internal.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.stowage.engine.internal.repo.BlobId;

/**
 * The packs an index knows, by ordinal (given in the order packs are added, never reused): id, size on the device,
 * and the devices holding a copy (a bit per device ordinal), in primitive arrays. An id of 64 lowercase hex digits
 * (every pack id the repository writes) is held as four longs, so that a pack costs ~60 bytes (3.7 per blob at 16
 * blobs per pack) against ~190 for a String, boxed sizes and a hash map entry; any other id (a test's, or a listed
 * file that is no pack) is held as a String on the side. A removed pack keeps its ordinal, which no longer resolves.
 * Not thread-safe: {@link MasterIndex} guards it.
 */
final class PackTable {

    private static final long REMOVED = -1; // in sizes; a size is never negative
    private static final double MAX_LOAD = 0.7;

    private long[] idWords = new long[4 * 16];
    private long[] sizes = new long[16];
    private long[] devices = new long[16];
    private int count;
    // open addressing over the packs with a hex id, by their first word: ordinal + 1, 0 for an empty slot
    private int[] slots = new int[32];
    private int slotsUsed;
    private final Map<String, Integer> otherOrdinals = new HashMap<>();
    private final Map<Integer, String> otherIds = new HashMap<>();

    /** The number of ordinals given, removed packs included: ordinals are {@code [0, count())}. */
    int count() {
        return count;
    }

    /** The ordinal of a known pack, or -1 if it is unknown or removed. */
    int ordinal(String id) {
        if (!isHex(id)) {
            return otherOrdinals.getOrDefault(id, -1);
        }
        int ordinal = slots[slot(BlobId.fromHex(id))] - 1;
        return ordinal >= 0 && !isRemoved(ordinal) ? ordinal : -1;
    }

    /** Adds a pack that {@link #ordinal} does not know, holding no device; returns its ordinal. */
    int add(String id, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("pack " + id + " has a negative size: " + size);
        }
        if (count == sizes.length) {
            int grown = count + (count >> 1);
            idWords = Arrays.copyOf(idWords, 4 * grown);
            sizes = Arrays.copyOf(sizes, grown);
            devices = Arrays.copyOf(devices, grown);
        }
        int ordinal = count++;
        sizes[ordinal] = size;
        if (isHex(id)) {
            BlobId words = BlobId.fromHex(id);
            idWords[4 * ordinal] = words.w0();
            idWords[4 * ordinal + 1] = words.w1();
            idWords[4 * ordinal + 2] = words.w2();
            idWords[4 * ordinal + 3] = words.w3();
            index(ordinal);
        } else {
            otherOrdinals.put(id, ordinal);
            otherIds.put(ordinal, id);
        }
        return ordinal;
    }

    /** Forgets a pack; an unknown one is ignored. Its ordinal stays given, and {@link #id} returns null for it. */
    void remove(String id) {
        int ordinal = ordinal(id);
        if (ordinal >= 0) {
            sizes[ordinal] = REMOVED;
            otherOrdinals.remove(id);
        }
    }

    boolean isRemoved(int ordinal) {
        return sizes[ordinal] == REMOVED;
    }

    /** The id of the pack, or null if it was removed. */
    String id(int ordinal) {
        if (isRemoved(ordinal)) {
            return null;
        }
        String other = otherIds.get(ordinal);
        return other != null ? other : words(ordinal).hex();
    }

    long size(int ordinal) {
        return sizes[ordinal];
    }

    /** The devices holding a copy: a bit per device ordinal. */
    long devices(int ordinal) {
        return devices[ordinal];
    }

    void setDevices(int ordinal, long mask) {
        devices[ordinal] = mask;
    }

    /** Whether {@code id} is 64 lowercase hex digits, so that its words give it back exactly. */
    private static boolean isHex(String id) {
        if (id.length() != 2 * BlobId.BYTES) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private BlobId words(int ordinal) {
        int w = 4 * ordinal;
        return new BlobId(idWords[w], idWords[w + 1], idWords[w + 2], idWords[w + 3]);
    }

    /**
     * The slot that holds the latest ordinal of {@code id}, or the empty slot where it goes. A slot of a removed
     * pack still matches its id, so that adding the pack again takes the slot over.
     */
    private int slot(BlobId id) {
        int mask = slots.length - 1;
        int slot = (int) id.w0() & mask;
        while (slots[slot] != 0 && !words(slots[slot] - 1).equals(id)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void index(int ordinal) {
        if (slotsUsed + 1 > MAX_LOAD * slots.length) {
            rehash();
        }
        int slot = slot(words(ordinal));
        if (slots[slot] == 0) {
            slotsUsed++;
        }
        slots[slot] = ordinal + 1;
    }

    /** Doubles the slots, dropping removed packs from them. */
    private void rehash() {
        int[] old = slots;
        slots = new int[2 * old.length];
        slotsUsed = 0;
        for (int value : old) {
            if (value != 0 && !isRemoved(value - 1)) {
                slots[slot(words(value - 1))] = value;
                slotsUsed++;
            }
        }
    }
}
