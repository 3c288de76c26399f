package org.stowage.device.tape.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The host's view of one cartridge, rebuilt from the cartridge itself by a scan: generation, end of data, the
 * blobs written in this generation, the forget records stored on it, and whether end of medium was reached.
 * Guarded by the drive (mutated only while holding it); the detail view reads it racily, which is fine for display.
 */
final class CartridgeState {

    final Cartridge cartridge;
    boolean labelled;
    int generation;
    long labelEnd;
    long endOfData;
    boolean full;
    int live;
    /** Blob files written since the last catalog file: the next catalog is due when this reaches the limit. */
    int sinceCatalog;
    final List<TapeHeader.BlobRecord> blobs = new ArrayList<>();
    final List<TapeHeader.ForgetRecord> forgetsHere = new ArrayList<>();

    CartridgeState(Cartridge cartridge) {
        this.cartridge = cartridge;
    }

    String label() {
        return cartridge.label();
    }

    /** Bytes written after the label: what the device reports as used. */
    long used() {
        return labelled ? endOfData - labelEnd : 0;
    }

    /** Starts a new generation after a (re)label: nothing on it yet. */
    void relabelled(int newGeneration, long newLabelEnd) {
        labelled = true;
        generation = newGeneration;
        labelEnd = newLabelEnd;
        endOfData = newLabelEnd;
        full = false;
        live = 0;
        sinceCatalog = 0;
        blobs.clear();
        forgetsHere.clear();
    }

    /** Forgets everything known about the cartridge, before a (re)scan. */
    void reset() {
        relabelled(0, 0);
        labelled = false;
    }

    /** For operators: empty (labelled or not), filling, full. */
    String state() {
        if (!labelled) {
            return "unlabelled";
        }
        if (full) {
            return "full";
        }
        if (blobs.isEmpty()) {
            return generation > 0 ? "free (recycled)" : "free";
        }
        return "filling";
    }
}
