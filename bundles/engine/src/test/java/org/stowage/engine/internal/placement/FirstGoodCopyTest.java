package org.stowage.engine.internal.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceException;
import org.stowage.device.testkit.MemoryDevice;

class FirstGoodCopyTest {

    private static final BlobName PACK = BlobName.of(BlobType.DATA, "a".repeat(64));

    @Test
    void aReadThatADeviceServesNeverMakesTheNoneOnlineFailure() throws Exception {
        MemoryDevice empty = new MemoryDevice("empty");
        MemoryDevice holder = new MemoryDevice("holder");
        holder.put(PACK, ByteBuffer.wrap("pack bytes".getBytes(StandardCharsets.UTF_8)));

        String read = FirstGoodCopy.read(PACK, List.<Device>of(empty, holder),
                device -> StandardCharsets.UTF_8.decode(device.get(PACK, ByteRange.of(0, 4))).toString(),
                () -> {
                    throw new AssertionError("the failure for no device online was made for a read that succeeded");
                });

        assertEquals("pack", read);
    }

    @Test
    void withNoDeviceToTryTheReadFailsWithTheNoneOnlineFailure() {
        DeviceException noneOnline = new DeviceException("repo", "cannot read: no device of the repository is online");

        DeviceException thrown = assertThrows(DeviceException.class,
                () -> FirstGoodCopy.read(PACK, List.of(), device -> "unreachable", () -> noneOnline));

        assertSame(noneOnline, thrown);
    }
}
