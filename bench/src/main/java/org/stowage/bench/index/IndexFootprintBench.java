package org.stowage.bench.index;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.stowage.engine.internal.index.MasterIndex;
import org.stowage.engine.internal.index.PackRecord;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;

/**
 * Issue 19's index bar: "the in-memory index stays at most 64 bytes per blob (10 TiB at 1 MiB chunks in < 1 GiB)".
 * Fills a {@link MasterIndex} as a repository of 1 MiB data chunks in 16 MiB packs loads it (16 blobs per pack,
 * random ids, one device), and at each step of the sweep measures the heap it holds: the heap used after full
 * collections, minus the same before the index existed. Prints bytes per blob at each size, so the hash table's
 * growth steps show.
 *
 * <pre>java -Xmx2g … org.stowage.bench.index.IndexFootprintBench [MAX_MILLIONS=10]</pre>
 */
public final class IndexFootprintBench {

    private static final int BLOBS_PER_PACK = 16;
    private static final int CHUNK = 1 << 20;

    private IndexFootprintBench() {
    }

    public static void main(String[] args) {
        int maxMillions = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledHeap(memory);
        MasterIndex index = new MasterIndex(List.of("local"));
        SplittableRandom random = new SplittableRandom(19);
        HexFormat hex = HexFormat.of();
        long blobs = 0;
        System.out.println("blobs      heap held by the index   bytes per blob (bar <= 64)");
        for (int step = 1; step <= 4 * maxMillions; step++) {
            long target = step * 250_000L;
            while (blobs < target) {
                List<PackedBlob> packed = new ArrayList<>(BLOBS_PER_PACK);
                String packId = hex.formatHex(bytes(random, 32));
                for (int i = 0; i < BLOBS_PER_PACK; i++) {
                    BlobId id = new BlobId(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
                    packed.add(new PackedBlob(BlobKind.DATA, id, packId, (long) i * CHUNK, CHUNK + 29, CHUNK));
                }
                index.add(new PackRecord(packId, (long) BLOBS_PER_PACK * (CHUNK + 29), List.of("local"), packed));
                blobs += BLOBS_PER_PACK;
            }
            long held = settledHeap(memory) - before;
            System.out.printf(Locale.ROOT, "%,11d  %,12d bytes (%5.0f MiB)   %6.1f%n", blobs, held,
                    held / 1048576.0, (double) held / blobs);
        }
        System.out.println("index size " + index.size() + " blobs"); // keeps the index reachable to the end
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    /** Heap in use after full collections, once it stops falling. */
    private static long settledHeap(MemoryMXBean memory) {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used >= last) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
