package org.stowage.engine.internal.restorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.MediaPosition;
import org.stowage.api.device.PositionedDevice;
import org.stowage.device.testkit.MemoryDevice;

class PackOrderTest {

    /** A memory device that claims positions for some packs, as a tape driver's catalog would. */
    private static final class PositionedMemory extends MemoryDevice implements PositionedDevice {
        private final Map<String, MediaPosition> positions;

        PositionedMemory(Map<String, MediaPosition> positions) {
            super(new DeviceDescriptor("tape", "memory", DeviceKind.TAPE, AccessType.SEQUENTIAL, 0));
            this.positions = positions;
        }

        @Override
        public Optional<MediaPosition> position(BlobName name) {
            assertEquals(BlobType.DATA, name.type());
            return Optional.ofNullable(positions.get(name.id()));
        }
    }

    @Test
    void positionedDeviceIsReadCartridgeByCartridgeFrontToBackUnknownLast() {
        PositionedMemory device = new PositionedMemory(Map.of(
                "aa", new MediaPosition("L00002", 10), "bb", new MediaPosition("L00001", 900),
                "cc", new MediaPosition("L00001", 5), "dd", new MediaPosition("L00002", 1)));
        assertEquals(List.of("cc", "bb", "dd", "aa", "ee", "ff"),
                PackOrder.of(device, List.of("aa", "bb", "cc", "dd", "ee", "ff")));
    }

    @Test
    void otherDevicesKeepTheGivenOrder() {
        MemoryDevice device = new MemoryDevice(new DeviceDescriptor("disk", "memory", DeviceKind.DISK,
                AccessType.RANDOM, 0));
        assertEquals(List.of("bb", "aa", "cc"), PackOrder.of(device, List.of("bb", "aa", "cc")));
    }
}
