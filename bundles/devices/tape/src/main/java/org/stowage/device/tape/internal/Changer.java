package org.stowage.device.tape.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.DeviceFullException;
import org.stowage.api.device.support.ByteSizes;

/**
 * The autochanger and the write session: which cartridge takes the next blob (the loaded one until end of medium,
 * then the next free one in slot order, labelling an empty slot when allowed), when a cartridge's own catalog is
 * appended (every {@code catalogEvery} blobs, before it is unloaded, when it is closed at end of medium, at the end
 * of the session), where forget records go, and recycling. Every method must be called while holding the drive.
 */
final class Changer {

    private static final Logger LOG = LoggerFactory.getLogger(Changer.class);

    private final TapeLibrary library;
    private final TapeDrive drive;
    private final int catalogEvery;
    private final long capacity;
    /** Blobs stop this far before the physical end (early warning), so catalogs and forgets still fit. */
    private final long reserve;

    Changer(TapeLibrary library, TapeDrive drive, int catalogEvery) {
        this.library = library;
        this.drive = drive;
        this.catalogEvery = catalogEvery;
        this.capacity = library.medium().cartridgeCapacity();
        this.reserve = Math.min(capacity / 8, 1L << 20);
    }

    /** Bytes a blob file may still take on {@code state} before its early-warning point. */
    long room(CartridgeState state) {
        if (state.full) {
            return 0;
        }
        long end = state.labelled ? state.endOfData : 512;
        return Math.max(0, capacity - reserve - end);
    }

    /** The cartridge, mounted, that takes a blob file of {@code fileSize} bytes; closes full ones on the way. */
    CartridgeState forBlob(BlobName name, long fileSize) throws IOException {
        if (fileSize > capacity - reserve - 512) {
            throw new DeviceFullException(library.deviceId(), name, fileSize, capacity - reserve - 512);
        }
        for (CartridgeState candidate : candidates()) {
            mount(candidate);
            if (room(candidate) >= fileSize) {
                return candidate;
            }
            LOG.info("Device '{}': end of medium on cartridge {} at {}; closing it and changing cartridges",
                    library.deviceId(), candidate.label(), ByteSizes.format(candidate.endOfData));
            writeCatalog(candidate, true);
        }
        long free = library.cartridges().stream().mapToLong(this::room).sum();
        throw new DeviceFullException(library.deviceId(), name, fileSize, free);
    }

    /** The loaded cartridge if it can take more, then the others in slot order, then the first labellable slot. */
    private List<CartridgeState> candidates() {
        List<CartridgeState> candidates = new ArrayList<>();
        Optional<Cartridge> loaded = drive.loaded();
        loaded.map(c -> library.state(c.label())).filter(s -> s.labelled && !s.full).ifPresent(candidates::add);
        for (CartridgeState state : library.cartridges()) {
            if (state.labelled && !state.full && !candidates.contains(state)) {
                candidates.add(state);
            }
        }
        if (library.medium().mayLabel()) {
            library.cartridges().stream().filter(s -> !s.labelled).findFirst().ifPresent(candidates::add);
        }
        return candidates;
    }

    /** Loads {@code state}'s cartridge (writing the unloaded one's pending catalog first); labels it if needed. */
    void mount(CartridgeState state) throws IOException {
        Optional<Cartridge> loaded = drive.loaded();
        if (loaded.isPresent() && loaded.get() == state.cartridge) {
            return;
        }
        if (loaded.isPresent()) {
            flush(library.state(loaded.get().label()));
        }
        drive.load(state.cartridge);
        if (!state.labelled) {
            long labelEnd = state.cartridge.relabel(0);
            drive.movedTo(labelEnd);
            state.relabelled(0, labelEnd);
            LOG.info("Device '{}': labelled new cartridge {}", library.deviceId(), state.label());
        }
    }

    /** Appends one tape file at the end of data of the mounted {@code state}, paced at the streaming rate. */
    Cartridge.TapeFile append(CartridgeState state, TapeHeader header, ByteBuffer data) throws IOException {
        drive.positionTo(state.endOfData);
        Cartridge.TapeFile file = state.cartridge.append(header, data, drive.stream());
        drive.movedTo(file.end());
        state.endOfData = file.end();
        return file;
    }

    /** Appends the cartridge's catalog when {@code catalogEvery} blobs were written since the last one. */
    void catalogIfDue(CartridgeState state) throws IOException {
        if (state.sinceCatalog >= catalogEvery) {
            writeCatalog(state, false);
        }
    }

    /** Writes the pending catalog of {@code state} (mounted), if blobs were written since the last one. */
    void flush(CartridgeState state) throws IOException {
        if (state.labelled && state.sinceCatalog > 0) {
            writeCatalog(state, false);
        }
    }

    private void writeCatalog(CartridgeState state, boolean closing) throws IOException {
        TapeHeader header = TapeHeader.catalog(state.label(), state.generation, List.copyOf(state.blobs),
                List.copyOf(state.forgetsHere), closing);
        append(state, header, ByteBuffer.allocate(0));
        state.sinceCatalog = 0;
        state.full |= closing;
    }

    /**
     * Appends a forget record for {@code entry} on the loaded cartridge (else the blob's own), and recycles the
     * blob's cartridge when that was its last live blob.
     */
    void forget(CatalogEntry entry) throws IOException {
        CartridgeState owner = library.state(entry.label());
        CartridgeState target = drive.loaded().map(c -> library.state(c.label()))
                .filter(s -> s.labelled && s.endOfData + 4096 < capacity).orElse(owner);
        mount(target);
        TapeHeader header = TapeHeader.forget(target.label(), target.generation, List.of(entry.toForget()));
        Cartridge.TapeFile file = append(target, header, ByteBuffer.allocate(0));
        if (library.recordForget(entry, target, file) && library.medium().recyclable()) {
            recycle(owner);
        }
    }

    /**
     * Relabels a cartridge none of whose blobs is referenced any more: a new generation, empty, back in the free
     * pool. Forget records it carried for blobs on other cartridges are written again on it first thing.
     */
    private void recycle(CartridgeState state) throws IOException {
        List<TapeHeader.ForgetRecord> carry = library.forgetsToCarry(state);
        mount(state);
        int generation = state.generation + 1;
        long labelEnd = state.cartridge.relabel(generation);
        drive.movedTo(labelEnd);
        state.relabelled(generation, labelEnd);
        if (!carry.isEmpty()) {
            append(state, TapeHeader.forget(state.label(), generation, carry), ByteBuffer.allocate(0));
            state.forgetsHere.addAll(carry);
        }
        LOG.info("Device '{}': recycled cartridge {} (generation {}): none of its blobs is referenced any more",
                library.deviceId(), state.label(), generation);
    }

    /** End of session: the loaded cartridge gets its pending catalog, is rewound and unloaded. */
    void endSession() throws IOException {
        Optional<Cartridge> loaded = drive.loaded();
        if (loaded.isPresent()) {
            flush(library.state(loaded.get().label()));
            drive.unload();
        }
    }
}
