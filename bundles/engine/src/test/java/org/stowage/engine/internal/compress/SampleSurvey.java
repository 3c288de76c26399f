package org.stowage.engine.internal.compress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.stowage.engine.internal.chunker.ChunkReader;
import org.stowage.engine.internal.chunker.Chunker;

/**
 * Manual survey (not a test) that decided the compressibility probe: chunks a directory like a backup does and
 * prints, per chunk, its length, its zstd level-3 and level-1 sizes, the nanoseconds level 3 took, and the
 * level-1 ratio of several samples. java -cp ... SampleSurvey DIR > chunks.tsv
 */
final class SampleSurvey {

    private static final int[][] SAMPLES = {{8, 4096}, {16, 4096}, {32, 2048}, {4, 16384}};

    private SampleSurvey() {
    }

    public static void main(String[] args) throws IOException {
        Chunker chunker = new Chunker(7, 512 << 10, 1 << 20, 4 << 20);
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        ByteBuffer chunk = ByteBuffer.allocateDirect(4 << 20);
        ByteBuffer out = ByteBuffer.allocateDirect(Compressor.bound(4 << 20));
        ByteBuffer sample = ByteBuffer.allocateDirect(1 << 20);
        byte[] buffer = new byte[8 << 20];
        System.out.print("length\tz3\tz1\tz3ns\tz1ns");
        for (int[] s : SAMPLES) {
            System.out.print("\ts" + s[0] + "x" + s[1] + "\tns");
        }
        System.out.println("\tfile");
        for (Path file : files) {
            try (FileChannel in = FileChannel.open(file)) {
                ChunkReader reader = new ChunkReader(chunker, in, buffer);
                for (ByteBuffer c = reader.next(); c != null; c = reader.next()) {
                    chunk.clear();
                    chunk.put(c).flip();
                    int length = chunk.remaining();
                    long t0 = System.nanoTime();
                    int z3 = Compressor.compress(chunk, out.clear(), 3);
                    long t1 = System.nanoTime();
                    int z1 = Compressor.compress(chunk, out.clear(), 1);
                    long t2 = System.nanoTime();
                    StringBuilder line = new StringBuilder().append(length).append('\t').append(z3).append('\t')
                            .append(z1).append('\t').append(t1 - t0).append('\t').append(t2 - t1);
                    for (int[] s : SAMPLES) {
                        long t3 = System.nanoTime();
                        sample.clear();
                        int count = s[0];
                        int size = s[1];
                        if ((long) count * size >= length) {
                            sample.put(chunk.duplicate());
                        } else {
                            long stride = (length - size) / (count - 1);
                            for (int i = 0; i < count; i++) {
                                int from = (int) (i * stride);
                                sample.put(chunk.duplicate().position(from).limit(from + size));
                            }
                        }
                        sample.flip();
                        int packed = Compressor.compress(sample, out.clear(), 1);
                        long t4 = System.nanoTime();
                        line.append('\t').append(String.format("%.4f", (double) packed / sample.remaining()))
                                .append('\t').append(t4 - t3);
                    }
                    System.out.println(line.append('\t').append(file));
                }
            }
        }
    }
}
