package org.stowage.device.tape.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.device.testkit.TestBlobs.bytes;
import static org.stowage.device.testkit.TestBlobs.heap;
import static org.stowage.device.testkit.TestBlobs.random;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceFullException;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;

/** End of medium, recycling, reading cartridges with a fresh driver, torn tails and the cartridges' own catalogs. */
class TapeLibraryTest {

    private static final long CARTRIDGE = 512 * 1024;
    private static final int BLOB = 60 * 1024;

    @TempDir
    Path library;

    private final SimulatedMotion motion = new SimulatedMotion();

    private TapeDevice device(int catalogEvery) {
        return TapeFixture.virtual(library, 3, CARTRIDGE, catalogEvery, motion);
    }

    private static BlobName data(int i) {
        return BlobName.of(BlobType.DATA, String.format("pack-%03d", i));
    }

    private static Map<BlobName, byte[]> putAll(TapeDevice device, int from, int to) throws IOException {
        Map<BlobName, byte[]> written = new HashMap<>();
        for (int i = from; i < to; i++) {
            byte[] content = random(BLOB + i, i);
            device.put(data(i), heap(content));
            written.put(data(i), content);
        }
        return written;
    }

    private static String label(TapeDevice device, BlobName name) {
        return device.position(name).orElseThrow().volume();
    }

    private static Map<String, String> states(TapeDevice device) {
        Map<String, String> states = new HashMap<>();
        device.details().get(0).rows().forEach(row -> states.put(row.get(0), row.get(2)));
        return states;
    }

    @Test
    void aCartridgeWhoseFileCannotBeStatedIsOfflineNeverUnlabelled() throws IOException {
        putAll(device(4), 0, 2);
        // a read error on the cartridge file (here: a symbolic link loop, ELOOP; for real also EIO or EACCES)
        Path broken = library.resolve("L00002.vtape");
        Files.createSymbolicLink(broken, broken.getFileName());

        TapeDevice fresh = device(4);
        DeviceStatus status = fresh.status();
        assertEquals(DeviceState.OFFLINE, status.state(), "a cartridge that cannot be read was taken for empty");
        assertTrue(status.reason().contains("cartridge L00002 cannot be read"), status.reason());
        assertThrows(DeviceException.class, () -> fresh.put(data(9), heap(random(BLOB, 9))));
        assertTrue(Files.isSymbolicLink(broken), "the cartridge was relabelled");

        Files.delete(broken);
        assertEquals(DeviceState.IDLE, fresh.status().state(), "once it can be read the device opens");
        assertEquals(2, count(fresh));
    }

    @Test
    void endOfMediumSwitchesToTheNextFreeCartridgeAndFullLibraryRefuses() throws IOException {
        TapeDevice device = device(4);
        Map<BlobName, byte[]> written = putAll(device, 0, 12);
        assertEquals("L00001", label(device, data(0)));
        assertEquals("L00002", label(device, data(11)));
        assertEquals(Map.of("L00001", "full", "L00002", "filling", "L00003", "unlabelled"), states(device));
        for (var blob : written.entrySet()) {
            assertArrayEquals(blob.getValue(), bytes(device.get(blob.getKey(), ByteRange.ALL)));
        }
        putAll(device, 12, 21);
        DeviceFullException full = assertThrows(DeviceFullException.class, () -> putAll(device, 21, 40));
        assertTrue(full.getMessage().contains("vtape") && full.getMessage().contains("pack-021"), full.getMessage());
        assertEquals(Map.of("L00001", "full", "L00002", "full", "L00003", "full"), states(device));
        assertEquals(0, device.status().freeBytes());
    }

    @Test
    void cartridgeIsRecycledWhenAllItsBlobsAreForgottenAndStaysSoForAFreshDriver() throws IOException {
        TapeDevice device = device(4);
        putAll(device, 0, 12);
        List<BlobName> onFirst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            if (label(device, data(i)).equals("L00001")) {
                onFirst.add(data(i));
            }
        }
        long usedBefore = device.status().usedBytes();
        for (BlobName name : onFirst.subList(0, onFirst.size() - 1)) {
            device.delete(name);
        }
        assertEquals("full", states(device).get("L00001"), "recycled while a blob was still live");
        device.delete(onFirst.get(onFirst.size() - 1));
        assertEquals("free (recycled)", states(device).get("L00001"));
        assertEquals("1", device.details().get(0).rows().get(0).get(1), "generation after recycling");
        assertTrue(device.status().usedBytes() < usedBefore, "recycling gave no space back");
        device.endSession();

        TapeDevice fresh = device(4);
        for (BlobName name : onFirst) {
            assertThrows(BlobNotFoundException.class, () -> fresh.get(name, ByteRange.ALL));
        }
        assertEquals(12 - onFirst.size(), count(fresh));
        assertEquals("free (recycled)", states(fresh).get("L00001"));
    }

    @Test
    void forgetsStoredOnARecycledCartridgeAreCarriedOver() throws IOException {
        TapeDevice device = device(4);
        putAll(device, 0, 8); // L00001 full (7), data(7) on L00002
        BlobName onSecond = data(7);
        assertEquals("L00002", label(device, onSecond));
        device.delete(onSecond); // stored on L00002 itself: recycles it at once
        putAll(device, 8, 10);
        device.delete(data(0)); // the forget goes to the loaded cartridge
        device.endSession();
        TapeDevice fresh = device(4);
        assertFalse(fresh.stat(data(0)).isPresent(), "forgotten blob came back");
        assertFalse(fresh.stat(onSecond).isPresent(), "forgotten blob came back");
        assertEquals(8, count(fresh));
    }

    @Test
    void freshDriverReadsEverythingFromTheCartridgesAlone() throws IOException {
        TapeDevice device = device(4);
        Map<BlobName, byte[]> written = putAll(device, 0, 10);
        device.delete(data(3));
        written.remove(data(3));
        // No endSession: a crash after the last put must lose nothing.
        TapeDevice fresh = device(4);
        assertEquals(written.size(), count(fresh));
        for (var blob : written.entrySet()) {
            assertArrayEquals(blob.getValue(), bytes(fresh.get(blob.getKey(), ByteRange.ALL)));
        }
        assertFalse(fresh.stat(data(3)).isPresent());
    }

    @Test
    void tornTailIsIgnoredAndOverwrittenByTheNextWrite() throws IOException {
        TapeDevice device = device(64);
        Map<BlobName, byte[]> written = putAll(device, 0, 3);
        Path cartridge = library.resolve("L00001.vtape");
        // A crash mid-put: header and half the data of a fourth blob, no file mark.
        try (FileChannel channel = FileChannel.open(cartridge, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            byte[] content = random(BLOB, 99);
            channel.write(TapeFiles.head(TapeHeader.blob("L00001", 0, data(3).toString(), BLOB), BLOB));
            channel.write(ByteBuffer.wrap(content, 0, BLOB / 2));
        }
        TapeDevice fresh = device(64);
        assertEquals(3, count(fresh));
        assertFalse(fresh.stat(data(3)).isPresent(), "partial blob is visible");
        byte[] again = random(777, 5);
        fresh.put(data(3), heap(again));
        written.put(data(3), again);
        TapeDevice third = device(64);
        assertEquals(4, count(third));
        for (var blob : written.entrySet()) {
            assertArrayEquals(blob.getValue(), bytes(third.get(blob.getKey(), ByteRange.ALL)));
        }
    }

    @Test
    void crashDuringRelabelLeavesAnEmptyNewGenerationNotTheOldBlobs() throws IOException {
        putAll(device(64), 0, 3);
        Path cartridge = library.resolve("L00001.vtape");
        // The recycle wrote the new label over the old one and crashed before cutting the file after it.
        try (FileChannel channel = FileChannel.open(cartridge, StandardOpenOption.WRITE)) {
            ByteBuffer label = TapeFiles.head(TapeHeader.label("L00001", 1), 0);
            int length = label.remaining();
            channel.write(label, 0);
            channel.write(TapeFiles.tail(0, new byte[32]), length);
        }
        TapeDevice fresh = device(64);
        assertEquals(0, count(fresh), "blobs of the old generation came back");
        assertEquals("free (recycled)", states(fresh).get("L00001"));
        byte[] content = random(1000, 7);
        fresh.put(data(9), heap(content));
        assertArrayEquals(content, bytes(device(64).get(data(9), ByteRange.ALL)));
    }

    @Test
    void eachCartridgeCarriesItsOwnCatalog() throws IOException {
        TapeDevice device = device(3);
        putAll(device, 0, 4);
        device.endSession();
        VirtualCartridge cartridge = new VirtualCartridge("L00001", library.resolve("L00001.vtape"));
        List<TapeHeader> catalogs = cartridge.scan().files().stream().map(Cartridge.TapeFile::header)
                .filter(h -> h.kind().equals(TapeHeader.CATALOG)).toList();
        cartridge.close();
        assertEquals(2, catalogs.size(), "one after 3 blobs, one at the end of the session");
        assertEquals(List.of(data(0), data(1), data(2), data(3)).stream().map(BlobName::toString).toList(),
                catalogs.get(1).entries().stream().map(TapeHeader.BlobRecord::name).toList());
    }

    @Test
    void digestStreamedWithTheDataMakesRepeatedPutsIdempotentAlsoAfterARescan() throws IOException {
        TapeDevice device = TapeFixture.virtual(library, 2, 64 * TapeFixture.MIB, 64, motion);
        byte[] all = random(3 * VirtualCartridge.CHUNK + 4321, 77);
        ByteBuffer window = ByteBuffer.wrap(all).position(1000).limit(all.length - 7);
        device.put(data(1), window);
        device.put(data(1), ByteBuffer.wrap(all).position(1000).limit(all.length - 7).slice());
        TapeDevice fresh = TapeFixture.virtual(library, 2, 64 * TapeFixture.MIB, 64, motion);
        fresh.put(data(1), window);
        byte[] other = all.clone();
        other[2 * VirtualCartridge.CHUNK + 5] ^= 1;
        assertThrows(org.stowage.api.device.BlobExistsException.class,
                () -> fresh.put(data(1), ByteBuffer.wrap(other).position(1000).limit(all.length - 7)));
    }

    @Test
    void probeLeavesTheCartridgeAsItWas() throws IOException {
        TapeDevice device = device(64);
        putAll(device, 0, 2);
        long size = java.nio.file.Files.size(library.resolve("L00001.vtape"));
        device.probe(200 * 1024);
        assertEquals(size, java.nio.file.Files.size(library.resolve("L00001.vtape")));
    }

    private static int count(TapeDevice device) throws IOException {
        int[] count = {0};
        device.list(BlobType.DATA, info -> count[0]++);
        return count[0];
    }
}
