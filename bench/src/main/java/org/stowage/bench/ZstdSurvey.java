package org.stowage.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.github.luben.zstd.ZstdCompressCtx;

import org.stowage.engine.internal.chunker.ChunkReader;
import org.stowage.engine.internal.chunker.Chunker;
import org.stowage.engine.internal.compress.CompressionProbe;
import org.stowage.engine.internal.compress.Compressor;

/**
 * How zstd settings trade size for time on real data, per band of the compressibility probe: chunks a folder with
 * the default chunker, sorts every chunk into the level {@link CompressionProbe} picks for it (0 = stored raw, 1, 2,
 * 3), then compresses each band with every setting, one thread, and prints the stored size and the best time of
 * {@code passes} passes (the first pass only warms up; times on a shared VM vary by tens of percent between passes).
 *
 * <pre>
 *   java -XX:MaxDirectMemorySize=3g -cp bench/target/classes:$(cat bench/target/classpath.txt) \
 *       org.stowage.bench.ZstdSurvey bench/work/pristine [passes]
 * </pre>
 * Holds every chunk in direct memory: give it the data set's size in {@code MaxDirectMemorySize}.
 */
public final class ZstdSurvey {

    private static final double MIB = 1024.0 * 1024.0;
    private static final Map<String, Consumer<ZstdCompressCtx>> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("level 1", ctx -> ctx.setLevel(1));
        SETTINGS.put("level 2", ctx -> ctx.setLevel(2));
        SETTINGS.put("level 3", ctx -> ctx.setLevel(3));
        SETTINGS.put("level 3, minMatch 6", ctx -> ctx.setLevel(3).setMinMatch(6));
    }

    private ZstdSurvey() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ZstdSurvey FOLDER [passes]");
            System.exit(2);
        }
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<Integer, List<ByteBuffer>> bands = chunksByBand(Path.of(args[0]));
        ByteBuffer out = ByteBuffer.allocateDirect(Compressor.bound(4 << 20));
        for (Map.Entry<Integer, List<ByteBuffer>> band : bands.entrySet()) {
            long bytes = band.getValue().stream().mapToLong(ByteBuffer::remaining).sum();
            System.out.printf(Locale.ROOT, "probe level %d: %d chunks, %.1f MiB%n", band.getKey(),
                    band.getValue().size(), bytes / MIB);
            for (Map.Entry<String, Consumer<ZstdCompressCtx>> setting : SETTINGS.entrySet()) {
                long best = Long.MAX_VALUE;
                long stored = 0;
                for (int pass = 0; pass <= passes; pass++) {
                    long start = System.nanoTime();
                    stored = compressAll(band.getValue(), setting.getValue(), out);
                    if (pass > 0) {
                        best = Math.min(best, System.nanoTime() - start);
                    }
                }
                System.out.printf(Locale.ROOT, "  %-22s %9.1f MiB %7.2f s%n", setting.getKey(), stored / MIB,
                        best / 1e9);
            }
        }
    }

    private static Map<Integer, List<ByteBuffer>> chunksByBand(Path folder) throws IOException {
        Chunker chunker = new Chunker(7, 512 << 10, 1 << 20, 4 << 20);
        Map<Integer, List<ByteBuffer>> bands = new LinkedHashMap<>();
        for (int level = 0; level <= 3; level++) {
            bands.put(level, new ArrayList<>());
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        byte[] buffer = new byte[8 << 20];
        for (Path file : files) {
            try (FileChannel in = FileChannel.open(file)) {
                ChunkReader reader = new ChunkReader(chunker, in, buffer);
                for (ByteBuffer chunk = reader.next(); chunk != null; chunk = reader.next()) {
                    ByteBuffer copy = ByteBuffer.allocateDirect(chunk.remaining()).put(chunk).flip();
                    bands.get(CompressionProbe.levelFor(copy, 3)).add(copy);
                }
            }
        }
        return bands;
    }

    private static long compressAll(List<ByteBuffer> chunks, Consumer<ZstdCompressCtx> setting, ByteBuffer out) {
        long stored = 0;
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            setting.accept(ctx);
            for (ByteBuffer chunk : chunks) {
                stored += ctx.compressDirectByteBuffer(out, 0, out.capacity(), chunk, chunk.position(),
                        chunk.remaining());
            }
        }
        return stored;
    }
}
