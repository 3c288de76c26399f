package org.stowage.bench.index;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
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
 * collections, minus the same before the index existed. Prints bytes per blob at each size, so the structure's
 * growth steps show.
 *
 * <p>Also prints how fast the index is at each size: adds per second (the time spent in {@link MasterIndex#add}
 * over the step, which is how an open loads index files) and dedup lookups per second ({@link MasterIndex#storedOn},
 * which a backup calls once per chunk) for ids that are indexed (a no-change re-backup) and ids that are not (new
 * data), each over {@value #LOOKUPS} random ids. Blob ids are a function of the blob's number, so that the bench
 * can look indexed ids up again without holding them in the heap it measures.
 *
 * <pre>java -Xmx3g … org.stowage.bench.index.IndexFootprintBench [MAX_MILLIONS=10]</pre>
 */
public final class IndexFootprintBench {

    private static final int BLOBS_PER_PACK = 16;
    private static final int CHUNK = 1 << 20;
    private static final int LOOKUPS = 500_000;
    private static final List<String> DEVICES = List.of("local");
    /** Added to a blob number below it, gives the number of a blob never added. */
    private static final long NEVER_ADDED = 1L << 40;

    private IndexFootprintBench() {
    }

    public static void main(String[] args) {
        int maxMillions = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledHeap(memory);
        MasterIndex index = new MasterIndex(DEVICES);
        SplittableRandom random = new SplittableRandom(19);
        long blobs = 0;
        System.out.println("blobs      heap held by the index   bytes per blob (bar <= 64)"
                + "    adds/s   hits/s  misses/s");
        for (int step = 1; step <= 4 * maxMillions; step++) {
            long target = step * 250_000L;
            long added = blobs;
            long addNanos = 0;
            while (blobs < target) {
                PackRecord pack = pack(blobs);
                long start = System.nanoTime();
                index.add(pack);
                addNanos += System.nanoTime() - start;
                blobs += BLOBS_PER_PACK;
            }
            long held = settledHeap(memory) - before;
            double adds = (blobs - added) * 1e9 / addNanos;
            double hits = lookupRate(index, random, blobs, 0);
            double misses = lookupRate(index, random, blobs, NEVER_ADDED);
            System.out.printf(Locale.ROOT, "%,11d  %,12d bytes (%5.0f MiB)   %6.1f %18.0fk %7.0fk %8.0fk%n", blobs,
                    held, held / 1048576.0, (double) held / blobs, adds / 1e3, hits / 1e3, misses / 1e3);
        }
        System.out.println("index size " + index.size() + " blobs"); // keeps the index reachable to the end
    }

    /**
     * {@link MasterIndex#storedOn} calls per second for {@value #LOOKUPS} random blob numbers below {@code blobs},
     * offset by {@code offset}: 0 looks up indexed ids, {@link #NEVER_ADDED} ids that are not.
     */
    private static double lookupRate(MasterIndex index, SplittableRandom random, long blobs, long offset) {
        boolean expected = offset == 0;
        long start = System.nanoTime();
        for (int i = 0; i < LOOKUPS; i++) {
            if (index.storedOn(BlobKind.DATA, blobId(random.nextLong(blobs) + offset), DEVICES) != expected) {
                throw new AssertionError("the index " + (expected ? "lost" : "invented") + " a blob");
            }
        }
        return LOOKUPS * 1e9 / (System.nanoTime() - start);
    }

    /** The pack holding blobs {@code first} to {@code first + 15}. */
    private static PackRecord pack(long first) {
        long number = first / BLOBS_PER_PACK;
        String packId = new BlobId(mix(~number), mix(~number ^ 1L << 62), mix(~number ^ 2L << 62),
                mix(~number ^ 3L << 62)).hex();
        List<PackedBlob> packed = new ArrayList<>(BLOBS_PER_PACK);
        for (int i = 0; i < BLOBS_PER_PACK; i++) {
            packed.add(new PackedBlob(BlobKind.DATA, blobId(first + i), packId, (long) i * CHUNK, CHUNK + 29, CHUNK));
        }
        return new PackRecord(packId, (long) BLOBS_PER_PACK * (CHUNK + 29), DEVICES, packed);
    }

    /** The id of blob {@code number}: four words of a 64-bit mixer, as uniform as the keyed hashes of real ids. */
    private static BlobId blobId(long number) {
        return new BlobId(mix(4 * number), mix(4 * number + 1), mix(4 * number + 2), mix(4 * number + 3));
    }

    /** SplitMix64's finalizer: a bijection on longs whose outputs look random. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
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
