package org.stowage.device.tape.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.DeviceException;

/**
 * The host side of a tape library: the catalog of live blobs (rebuilt from the cartridges at start-up, so the
 * cartridges are the only durable state) and the cartridge states. Writing, reading, forgetting and recycling
 * happen here, always while the caller holds the {@link TapeDrive}; lookups ({@link #entry}, {@link #entries}) are
 * lock-free.
 */
final class TapeLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(TapeLibrary.class);

    private final String deviceId;
    private final TapeMedium medium;
    private final Map<String, CartridgeState> cartridges = new LinkedHashMap<>();
    private final Map<BlobName, CatalogEntry> live = new ConcurrentHashMap<>();

    TapeLibrary(String deviceId, TapeMedium medium) {
        this.deviceId = deviceId;
        this.medium = medium;
        for (Cartridge cartridge : medium.cartridges()) {
            cartridges.put(cartridge.label(), new CartridgeState(cartridge));
        }
    }

    /**
     * Scans every labelled cartridge (headers only) and rebuilds the catalog: blob files become entries unless a
     * forget record (on any cartridge) names their tape file. Torn tails are logged and cut logically. A cartridge
     * that cannot be told labelled or not, or whose scan fails, fails the whole open (the device stays offline with
     * the reason and retries later): taking it for unlabelled would let the changer label it, which erases it.
     */
    void open() throws IOException {
        List<TapeHeader.ForgetRecord> forgets = new ArrayList<>();
        live.clear();
        cartridges.values().forEach(CartridgeState::reset);
        for (CartridgeState state : cartridges.values()) {
            Cartridge.Scan scan;
            try {
                if (!state.cartridge.labelled()) {
                    continue;
                }
                scan = state.cartridge.scan();
            } catch (IOException e) {
                throw new IOException("cartridge " + state.label() + " cannot be read (" + e + "); it is neither "
                        + "used nor relabelled until it can", e);
            }
            state.relabelled(scan.generation(), scan.labelEnd());
            state.endOfData = scan.endOfData();
            for (Cartridge.TapeFile file : scan.files()) {
                apply(state, file);
            }
            forgets.addAll(state.forgetsHere);
            if (scan.tornTail()) {
                LOG.warn("Device '{}': cartridge {} has a torn tail after {} (an interrupted write); it is ignored "
                        + "and will be overwritten by the next write", deviceId, state.label(), scan.endOfData());
            }
        }
        for (TapeHeader.ForgetRecord forget : forgets) {
            BlobName name = parse(forget.name());
            CatalogEntry entry = live.get(name);
            if (entry != null && entry.isForgottenBy(forget)) {
                live.remove(name);
                cartridges.get(entry.label()).live--;
            }
        }
    }

    private void apply(CartridgeState state, Cartridge.TapeFile file) {
        TapeHeader header = file.header();
        switch (header.kind()) {
            case TapeHeader.BLOB -> {
                CatalogEntry entry = new CatalogEntry(parse(header.name()), state.label(), state.generation,
                        file.file(), file.position(), file.dataOffset(), header.length(), file.sha256());
                added(state, entry);
            }
            case TapeHeader.CATALOG -> {
                state.sinceCatalog = 0;
                state.full |= Boolean.TRUE.equals(header.closed());
                state.forgetsHere.addAll(header.forgets() == null ? List.of() : header.forgets());
            }
            case TapeHeader.FORGET -> state.forgetsHere.addAll(header.forgets());
            default -> LOG.warn("Device '{}': cartridge {} tape file {} has unknown kind '{}'; ignored", deviceId,
                    state.label(), file.file(), header.kind());
        }
    }

    private void added(CartridgeState state, CatalogEntry entry) {
        state.blobs.add(entry.toRecord());
        state.live++;
        state.sinceCatalog++;
        CatalogEntry previous = live.put(entry.name(), entry);
        if (previous != null) {
            cartridges.get(previous.label()).live--;
        }
    }

    /**
     * The blob name of a tape header's {@code type/id}.
     *
     * @throws IllegalArgumentException if it is null or not a valid {@code type/id}
     */
    static BlobName parse(String name) {
        int slash = name == null ? -1 : name.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("blob name '" + name + "' in a tape header is not type/id");
        }
        String folder = name.substring(0, slash);
        for (BlobType type : BlobType.values()) {
            if (type.folder().equals(folder)) {
                return BlobName.of(type, name.substring(slash + 1));
            }
        }
        throw new IllegalArgumentException("unknown blob type folder '" + folder + "' in tape header " + name);
    }

    Optional<CatalogEntry> entry(BlobName name) {
        return Optional.ofNullable(live.get(name));
    }

    Collection<CatalogEntry> entries() {
        return live.values();
    }

    Collection<CartridgeState> cartridges() {
        return cartridges.values();
    }

    CartridgeState state(String label) {
        return cartridges.get(label);
    }

    TapeMedium medium() {
        return medium;
    }

    String deviceId() {
        return deviceId;
    }

    /** Records a blob file just written. */
    CatalogEntry recordBlob(CartridgeState state, BlobName name, Cartridge.TapeFile file) {
        CatalogEntry entry = new CatalogEntry(name, state.label(), state.generation, file.file(), file.position(),
                file.dataOffset(), file.header().length(), file.sha256());
        state.endOfData = file.end();
        added(state, entry);
        return entry;
    }

    /** Removes a forgotten blob from the catalog; true if its cartridge now holds no live blob. */
    boolean recordForget(CatalogEntry entry, CartridgeState storedOn, Cartridge.TapeFile file) {
        storedOn.endOfData = file.end();
        storedOn.forgetsHere.add(entry.toForget());
        live.remove(entry.name(), entry);
        CartridgeState owner = cartridges.get(entry.label());
        owner.live--;
        return owner.live == 0;
    }

    long used() {
        return cartridges.values().stream().mapToLong(CartridgeState::used).sum();
    }

    DeviceException failure(String what, IOException cause) {
        if (cause instanceof DeviceException known) {
            return known;
        }
        return new DeviceException(deviceId, what + " failed on " + medium.describe() + ": " + cause
                + "; check the library folder or mount and the cartridge files", cause);
    }

    /** Forgets stored on {@code state} that still matter: they name live-generation blobs on other cartridges. */
    List<TapeHeader.ForgetRecord> forgetsToCarry(CartridgeState state) {
        List<TapeHeader.ForgetRecord> carry = new ArrayList<>();
        for (TapeHeader.ForgetRecord forget : state.forgetsHere) {
            CartridgeState target = cartridges.get(forget.label());
            if (target != null && target != state && target.generation == forget.generation()) {
                carry.add(forget);
            }
        }
        return carry;
    }
}
