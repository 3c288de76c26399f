package org.stowage.api.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class MediaPositionTest {

    @Test
    void sortsByVolumeThenPosition() {
        List<MediaPosition> positions = new ArrayList<>(List.of(new MediaPosition("L00002", 5),
                new MediaPosition("L00001", 900), new MediaPosition("L00001", 7), new MediaPosition("L00002", 0)));
        Collections.sort(positions);
        assertEquals(List.of(new MediaPosition("L00001", 7), new MediaPosition("L00001", 900),
                new MediaPosition("L00002", 0), new MediaPosition("L00002", 5)), positions);
    }

    @Test
    void rejectsNegativePositions() {
        assertThrows(IllegalArgumentException.class, () -> new MediaPosition("L00001", -1));
    }
}
