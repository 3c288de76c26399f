package org.stowage.engine.internal.restorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.MediaPosition;

class PackOrderTest {

    @Test
    void positionedCopiesAreReadCartridgeByCartridgeFrontToBackUnknownLast() {
        // as a tape driver's catalog would report them for the copies a read uses first
        Map<String, MediaPosition> positions = Map.of(
                "aa", new MediaPosition("L00002", 10), "bb", new MediaPosition("L00001", 900),
                "cc", new MediaPosition("L00001", 5), "dd", new MediaPosition("L00002", 1));
        assertEquals(List.of("cc", "bb", "dd", "aa", "ee", "ff"),
                PackOrder.of(id -> Optional.ofNullable(positions.get(id)), List.of("aa", "bb", "cc", "dd", "ee", "ff")));
    }

    @Test
    void copiesWithoutPositionsKeepTheGivenOrder() {
        assertEquals(List.of("bb", "aa", "cc"), PackOrder.of(id -> Optional.empty(), List.of("bb", "aa", "cc")));
    }
}
