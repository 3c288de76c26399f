package org.stowage.engine.internal.chunker;

/** Manual throughput check of the hashing loop (not a test): run with java -cp ... ChunkerBench. */
final class ChunkerBench {

    private ChunkerBench() {
    }

    public static void main(String[] args) {
        byte[] data = ChunkerTest.random(9, 256 << 20);
        Chunker chunker = new Chunker(7, 512 << 10, 1 << 20, 4 << 20);
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            int off = 0;
            int count = 0;
            while (off < data.length) {
                off += chunker.cut(data, off, data.length - off);
                count++;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%d chunks, %.0f MiB/s%n", count, data.length / seconds / (1 << 20));
        }
    }
}
