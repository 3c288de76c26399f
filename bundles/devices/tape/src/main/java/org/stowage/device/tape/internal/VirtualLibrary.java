package org.stowage.device.tape.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A file-backed tape library: a folder with one file per cartridge ({@code L00001.vtape}, ...), one per slot.
 * Cartridges are labelled on first use when the configuration allows it ({@code create=true}); an unlabelled slot
 * is an empty cartridge waiting in the changer.
 */
final class VirtualLibrary implements TapeMedium {

    private final Path folder;
    private final long capacity;
    private final boolean mayLabel;
    private final List<Cartridge> cartridges;

    VirtualLibrary(Path folder, int slots, String labelPrefix, long capacity, boolean mayLabel) {
        this.folder = folder;
        this.capacity = capacity;
        this.mayLabel = mayLabel;
        List<Cartridge> all = new ArrayList<>();
        for (int slot = 1; slot <= slots; slot++) {
            String label = String.format("%s%05d", labelPrefix, slot);
            all.add(new VirtualCartridge(label, folder.resolve(label + ".vtape")));
        }
        this.cartridges = List.copyOf(all);
    }

    @Override
    public String describe() {
        return "virtual library " + folder;
    }

    @Override
    public Optional<String> offlineReason() {
        if (!Files.isDirectory(folder)) {
            return Optional.of("library folder " + folder + " is missing; create it or fix the key 'path'");
        }
        if (!Files.isWritable(folder)) {
            return Optional.of("library folder " + folder + " is not writable; fix its permissions");
        }
        return Optional.empty();
    }

    @Override
    public List<Cartridge> cartridges() {
        return cartridges;
    }

    @Override
    public long cartridgeCapacity() {
        return capacity;
    }

    @Override
    public boolean mayLabel() {
        return mayLabel;
    }

    @Override
    public boolean recyclable() {
        return true;
    }
}
