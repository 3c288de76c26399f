package org.stowage.device.tape.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.device.testkit.TestBlobs.heap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;

/**
 * A cartridge is not trusted: only CRCs protect its records. Lengths that run past the medium (or overflow) are a
 * torn tail; a CRC-correct record that this format never writes keeps the device offline with a reason; neither
 * may escape as an unchecked exception.
 */
class TapeFilesTest {

    @TempDir
    Path library;

    private final SimulatedMotion motion = new SimulatedMotion();

    @Test
    void aDataLengthThatOverflowsThePositionIsATornTail() throws IOException {
        Path cartridge = library.resolve("L00001.vtape");
        byte[] label = tapeFile(json(TapeHeader.label("L00001", 0)), new byte[0]);
        // a blob file whose data record claims 2^63 - 10 bytes: position + length wraps negative
        byte[] forged = concat(headerRecord(json(TapeHeader.blob("L00001", 0, "data/x", 5))),
                ByteBuffer.allocate(TapeFiles.PREFIX + 64).putInt(TapeFiles.MAGIC).put(TapeFiles.DATA)
                        .putLong(Long.MAX_VALUE - 10).array());
        Files.write(cartridge, concat(label, forged));

        try (FileChannel channel = FileChannel.open(cartridge, StandardOpenOption.READ)) {
            assertTrue(TapeFiles.readHeader(channel, label.length).isEmpty());
        }
        TapeDevice device = TapeFixture.virtual(library, 1, 1 << 20, 4, motion);
        assertEquals(DeviceState.IDLE, device.status().state(), device.status().reason());
        device.put(BlobName.of(BlobType.DATA, "after"), heap(new byte[] {1, 2, 3}));
        assertEquals(3, device.stat(BlobName.of(BlobType.DATA, "after")).orElseThrow().size());
    }

    @Test
    void aBlobHeaderWithoutAValidNameKeepsTheDeviceOfflineWithTheReason() throws IOException {
        assertOffline("{\"kind\":\"blob\",\"label\":\"L00001\",\"generation\":0,\"name\":\"nonsense\",\"length\":3}",
                "not type/id");
        assertOffline("{\"kind\":\"blob\",\"label\":\"L00001\",\"generation\":0,\"length\":3}", "'null'");
    }

    @Test
    void aForgetHeaderWithoutRecordsKeepsTheDeviceOfflineWithTheReason() throws IOException {
        assertOffline("{\"kind\":\"forget\",\"label\":\"L00001\",\"generation\":0,\"length\":0}",
                "without forget records");
        assertOffline("{\"kind\":\"forget\",\"label\":\"L00001\",\"generation\":0,\"length\":0,\"forgets\":[null]}",
                "null catalog or forget entry");
        assertOffline("{\"kind\":\"forget\",\"label\":\"L00001\",\"generation\":0,\"length\":0,\"forgets\":[{\"name\":"
                + "\"data/x\",\"generation\":0,\"position\":0}]}", "label null");
    }

    @Test
    void aBlobHeaderWhoseLengthIsNotItsDataKeepsTheDeviceOfflineWithTheReason() throws IOException {
        assertOffline("{\"kind\":\"blob\",\"label\":\"L00001\",\"generation\":0,\"name\":\"data/x\","
                + "\"length\":1000000}", "blob header of 1000000 bytes over 3 bytes of data");
    }

    private void assertOffline(String json, String reason) throws IOException {
        byte[] label = tapeFile(json(TapeHeader.label("L00001", 0)), new byte[0]);
        byte[] bad = tapeFile(json.getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
        Path cartridge = library.resolve("L00001.vtape");
        Files.write(cartridge, concat(label, bad));

        TapeDevice device = TapeFixture.virtual(library, 1, 1 << 20, 4, motion);
        DeviceStatus status = device.status();
        assertEquals(DeviceState.OFFLINE, status.state(), json);
        assertTrue(status.reason().contains("cartridge L00001") && status.reason().contains("position "
                + label.length) && status.reason().contains(reason), status.reason());
        DeviceException refused = assertThrows(DeviceException.class,
                () -> device.put(BlobName.of(BlobType.DATA, "y"), heap(new byte[] {1})));
        assertTrue(refused.getMessage().contains("cartridge L00001"), refused.getMessage());
        assertEquals(label.length + bad.length, Files.size(cartridge), "the cartridge was written to");
    }

    private static byte[] json(TapeHeader header) {
        return TapeFiles.json(header);
    }

    /** A complete tape file with any header JSON: header record, data record, file mark, CRCs correct. */
    static byte[] tapeFile(byte[] json, byte[] data) {
        byte[] sha256 = Digests.sha256().digest(data);
        ByteBuffer dataPrefix = ByteBuffer.allocate(TapeFiles.PREFIX).putInt(TapeFiles.MAGIC).put(TapeFiles.DATA)
                .putLong(data.length).flip();
        CRC32C crc = new CRC32C();
        crc.update(dataPrefix.duplicate());
        return concat(headerRecord(json), dataPrefix.array(), data,
                ByteBuffer.allocate(4).putInt((int) crc.getValue()).array(), record(TapeFiles.FILE_MARK, sha256));
    }

    static byte[] headerRecord(byte[] json) {
        return record(TapeFiles.HEADER, json);
    }

    private static byte[] record(byte type, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(TapeFiles.PREFIX + payload.length + TapeFiles.TRAILER);
        out.putInt(TapeFiles.MAGIC).put(type).putLong(payload.length).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().flip());
        return out.putInt((int) crc.getValue()).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
