package org.stowage.device.tape.internal;

import java.util.List;
import java.util.Optional;

/**
 * Where a tape device's cartridges are: a virtual library (a folder with one file per cartridge) or an LTFS mount
 * (one volume). The backend SPI beside {@link Cartridge}. Thread-safe.
 */
interface TapeMedium {

    /** For messages, e.g. {@code virtual library /srv/tape} or {@code LTFS volume at /mnt/ltfs}. */
    String describe();

    /** Why the medium cannot be used now (missing folder, unmounted volume), or empty. */
    Optional<String> offlineReason();

    /** The cartridges in slot order, labelled or not; the same objects on every call. */
    List<Cartridge> cartridges();

    /** Bytes one cartridge holds. */
    long cartridgeCapacity();

    /** Whether unlabelled cartridges may be labelled on first use. */
    boolean mayLabel();

    /** Whether a cartridge whose blobs are all forgotten may be relabelled to reclaim it (not on LTFS). */
    boolean recyclable();
}
