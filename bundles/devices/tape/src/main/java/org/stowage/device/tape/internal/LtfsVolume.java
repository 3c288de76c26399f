package org.stowage.device.tape.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An LTFS-formatted tape mounted as a folder: one cartridge whose tape files are files in
 * {@code <mount>/stowage-tape/}. LTFS keeps files in the order they were written, so a file's number is its order
 * on tape. Stowage never rewrites, renames or deletes a file there (LTFS would not give the space back anyway):
 * a forgotten blob only leaves the catalog, and the volume is not recycled by Stowage (reformat it with
 * {@code mkltfs} once nothing on it is needed).
 */
final class LtfsVolume implements TapeMedium {

    static final String FOLDER = "stowage-tape";

    private final Path mount;
    private final long capacity;
    private final boolean mayLabel;
    private final List<Cartridge> cartridges;

    LtfsVolume(Path mount, String label, long capacity, boolean mayLabel) {
        this.mount = mount;
        this.capacity = capacity;
        this.mayLabel = mayLabel;
        this.cartridges = List.of(new LtfsCartridge(label, mount.resolve(FOLDER)));
    }

    @Override
    public String describe() {
        return "LTFS volume at " + mount;
    }

    @Override
    public Optional<String> offlineReason() {
        if (!Files.isDirectory(mount)) {
            return Optional.of("LTFS mount point " + mount + " is missing; load the cartridge and mount it with "
                    + "ltfs, or fix the key 'path'");
        }
        if (!Files.isWritable(mount)) {
            return Optional.of("LTFS mount point " + mount + " is not writable; mount the volume read-write "
                    + "(is the cartridge write-protected?)");
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
        return false;
    }
}
