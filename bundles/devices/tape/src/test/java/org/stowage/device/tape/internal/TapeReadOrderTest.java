package org.stowage.device.tape.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.device.testkit.TestBlobs.bytes;
import static org.stowage.device.testkit.TestBlobs.heap;
import static org.stowage.device.testkit.TestBlobs.random;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.MediaPosition;

/** Reading scattered blobs in position order costs one locate per region and one load per cartridge. */
class TapeReadOrderTest {

    private static final int BLOB = 200 * 1024;

    @TempDir
    Path library;

    @Test
    void positionOrderLocatesOncePerRegionAndLoadsEachCartridgeOnce() throws IOException {
        TapeDevice device = TapeFixture.virtual(library, 3, 8 * TapeFixture.MIB, 16, new SimulatedMotion());
        List<BlobName> all = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            BlobName name = BlobName.of(BlobType.DATA, "pack-" + i);
            device.put(name, heap(random(BLOB, i)));
            all.add(name);
        }
        List<BlobName> wanted = new ArrayList<>(all);
        Collections.shuffle(wanted, new Random(42));
        wanted = new ArrayList<>(wanted.subList(0, 25));

        long locates = device.locates();
        long loads = device.loads();
        readAll(device, wanted);
        long shuffledLocates = device.locates() - locates;

        wanted.sort(Comparator.comparing(name -> device.position(name).orElseThrow()));
        locates = device.locates();
        loads = device.loads();
        readAll(device, wanted);
        long orderedLocates = device.locates() - locates;
        long orderedLoads = device.loads() - loads;

        int regions = regions(device, wanted, TapeFixture.SLOW.readThroughBytes());
        long cartridges = wanted.stream().map(n -> device.position(n).orElseThrow().volume()).distinct().count();
        assertTrue(orderedLocates <= regions, orderedLocates + " locates for " + regions + " regions");
        assertTrue(orderedLoads <= cartridges, orderedLoads + " loads for " + cartridges + " cartridges");
        assertTrue(orderedLocates < shuffledLocates, "ordering saved nothing: " + orderedLocates + " vs "
                + shuffledLocates);
    }

    private static void readAll(TapeDevice device, List<BlobName> names) throws IOException {
        for (BlobName name : names) {
            int i = Integer.parseInt(name.id().substring(5));
            assertArrayEquals(random(BLOB, i), bytes(device.get(name, ByteRange.ALL)));
        }
    }

    /** Sorted blobs form one region while each starts at most {@code readThrough} after the previous one ends. */
    static int regions(TapeDevice device, List<BlobName> sorted, long readThrough) {
        int regions = 0;
        MediaPosition previous = null;
        for (BlobName name : sorted) {
            MediaPosition at = device.position(name).orElseThrow();
            if (previous == null || !previous.volume().equals(at.volume())
                    || at.position() - (previous.position() + BLOB) > readThrough) {
                regions++;
            }
            previous = at;
        }
        return regions;
    }
}
