package org.stowage.device.tape.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.stowage.api.device.DeviceDetails.Section;
import org.stowage.api.device.support.ByteSizes;

/**
 * The operator's view of a tape device ({@code stowage:device <id>}): one row per cartridge (label, generation,
 * state, blobs, fill, end of data) and the drive (loaded cartridge, head position, load/locate/rewind counters).
 * Reads host state only, never the medium.
 */
final class TapeDetails {

    private TapeDetails() {
    }

    static List<Section> of(TapeLibrary library, TapeDrive drive, Changer changer) {
        long capacity = library.medium().cartridgeCapacity();
        List<List<String>> rows = new ArrayList<>();
        for (CartridgeState state : List.copyOf(library.cartridges())) {
            double fill = state.labelled ? 100.0 * state.endOfData / capacity : 0;
            rows.add(List.of(state.label(), state.labelled ? String.valueOf(state.generation) : "-", state.state(),
                    state.live + "/" + state.blobs.size(), String.format(Locale.ROOT, "%.1f %%", fill),
                    state.labelled ? ByteSizes.format(state.endOfData) : "-", ByteSizes.format(changer.room(state))));
        }
        Section cartridges = new Section("Cartridges (" + library.medium().describe() + ")",
                List.of("Label", "Generation", "State", "Blobs live/written", "Fill", "End of data", "Room"), rows);
        String loaded = drive.loaded().map(Cartridge::label).orElse("-");
        Section driveSection = new Section("Drive", List.of("Loaded", "Position", "Activity", "Loads", "Locates",
                "Rewinds"), List.of(List.of(loaded, ByteSizes.format(drive.head()), drive.activity().orElse("idle"),
                String.valueOf(drive.loads()), String.valueOf(drive.locates()), String.valueOf(drive.rewinds()))));
        return List.of(cartridges, driveSection);
    }
}
