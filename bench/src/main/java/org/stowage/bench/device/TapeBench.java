package org.stowage.bench.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.MediaPosition;
import org.stowage.device.tape.internal.TapeDevice;
import org.stowage.device.tape.internal.TapeTiming;

/**
 * The virtual tape library against its own configuration, on real cartridge files (bench/tape.sh runs it):
 * <ol>
 *   <li><b>streaming</b>: writes {@code --size} MiB in {@code --blob} MiB blobs at {@code --rate} MiB/s and reports
 *       the achieved rate against the configured one (goal: within 5 %);</li>
 *   <li><b>restore</b>: writes {@code --packs} packs of {@code --pack} KiB over several cartridges, then reads
 *       {@code --restore} scattered ones, once in id order (how restore read packs before position ordering) and
 *       once in medium position order, and reports locates, loads and rewinds against the distinct cartridge
 *       regions (goal: locates no more than regions).</li>
 * </ol>
 * Usage: {@code TapeBench [--work DIR] [--size MIB] [--blob MIB] [--rate MIBS] [--packs N] [--pack KIB]
 * [--restore N] [--seed N]}.
 */
public final class TapeBench {

    private static final long MIB = 1L << 20;

    private Path work = Path.of("bench/work/tape");
    private int sizeMib = 2048;
    private int blobMib = 16;
    private double rate = 200;
    private int packs = 400;
    private int packKib = 1024;
    private int restore = 100;
    private long seed = 42;

    public static void main(String[] args) throws IOException {
        TapeBench bench = new TapeBench();
        for (int i = 0; i + 1 < args.length; i += 2) {
            bench.option(args[i], args[i + 1]);
        }
        bench.streaming();
        bench.restore();
    }

    private void option(String key, String value) {
        switch (key) {
            case "--work" -> work = Path.of(value);
            case "--size" -> sizeMib = Integer.parseInt(value);
            case "--blob" -> blobMib = Integer.parseInt(value);
            case "--rate" -> rate = Double.parseDouble(value);
            case "--packs" -> packs = Integer.parseInt(value);
            case "--pack" -> packKib = Integer.parseInt(value);
            case "--restore" -> restore = Integer.parseInt(value);
            case "--seed" -> seed = Long.parseLong(value);
            default -> throw new IllegalArgumentException("unknown option " + key);
        }
    }

    private static DeviceDescriptor descriptor(String id) {
        return new DeviceDescriptor(id, "tape", DeviceKind.TAPE, AccessType.SEQUENTIAL, 0);
    }

    private void streaming() throws IOException {
        Path library = fresh("streaming");
        long rateBytes = (long) (rate * MIB);
        TapeTiming timing = new TapeTiming(rateBytes, 0, 0, 0, 0, 4 * MIB);
        TapeDevice device = TapeDevice.virtualLibrary(descriptor("bench-stream"), library, 2,
                (sizeMib + 1024L) * MIB, timing);
        ByteBuffer blob = randomDirect((int) (blobMib * MIB), seed);
        device.put(BlobName.of(BlobType.DATA, "warm-up"), blob); // loads and labels the cartridge
        int count = sizeMib / blobMib;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            device.put(BlobName.of(BlobType.DATA, String.format("blob-%06d", i)), blob);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double achieved = count * (double) blobMib / seconds;
        System.out.printf(Locale.ROOT, "streaming: wrote %d MiB in %d blobs of %d MiB in %.2f s: %.1f MiB/s, "
                        + "configured %.1f MiB/s, deviation %+.2f %% (goal within 5 %%)%n", count * blobMib, count,
                blobMib, seconds, achieved, rate, 100 * (achieved - rate) / rate);
        device.endSession();
        delete(library);
    }

    private void restore() throws IOException {
        Path library = fresh("restore");
        long cartridge = Math.max(64, (long) packs * packKib / 1024 / 4 + 16) * MIB; // about four cartridges
        TapeDevice writer = TapeDevice.virtualLibrary(descriptor("bench-write"), library, 8, cartridge,
                TapeTiming.INSTANT);
        List<BlobName> all = new ArrayList<>();
        for (int i = 0; i < packs; i++) {
            BlobName name = BlobName.of(BlobType.DATA, String.format("%064x", new Random(seed + i).nextLong()));
            writer.put(name, randomDirect(packKib * 1024, seed + i));
            all.add(name);
        }
        writer.endSession();
        List<BlobName> wanted = new ArrayList<>(all);
        Collections.shuffle(wanted, new Random(seed));
        wanted = new ArrayList<>(wanted.subList(0, Math.min(restore, wanted.size())));
        // tape-like: 200 MiB/s streaming, locate 50 ms + 4 GiB/s travel, load 1 s, rewind 0.5 s + travel
        TapeTiming tape = new TapeTiming((long) (rate * MIB), 50_000_000L, 4096 * MIB, 1_000_000_000L, 500_000_000L,
                4 * MIB);
        List<BlobName> byId = new ArrayList<>(wanted);
        Collections.sort(byId);
        report("id order", library, cartridge, tape, byId);
        TapeDevice positions = TapeDevice.virtualLibrary(descriptor("bench-pos"), library, 8, cartridge, tape);
        List<BlobName> byPosition = new ArrayList<>(wanted);
        byPosition.sort(Comparator.comparing((BlobName n) -> positions.position(n).orElseThrow()));
        report("position order", library, cartridge, tape, byPosition);
        System.out.printf(Locale.ROOT, "restore: %d of %d packs of %d KiB on %d cartridges, %d distinct regions "
                        + "(read-through %d MiB)%n", wanted.size(), packs, packKib,
                byPosition.stream().map(n -> positions.position(n).orElseThrow().volume()).distinct().count(),
                regions(positions, byPosition, tape.readThroughBytes()), tape.readThroughBytes() / MIB);
        delete(library);
    }

    private void report(String order, Path library, long cartridge, TapeTiming timing, List<BlobName> names)
            throws IOException {
        TapeDevice device = TapeDevice.virtualLibrary(descriptor("bench-read"), library, 8, cartridge, timing);
        long start = System.nanoTime();
        long bytes = 0;
        for (BlobName name : names) {
            bytes += device.get(name, ByteRange.ALL).remaining();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "restore in %s: %d packs, %d MiB in %.2f s; locates %d, loads %d, "
                        + "rewinds %d%n", order, names.size(), bytes / MIB, seconds, device.locates(),
                device.loads(), device.rewinds());
        device.endSession();
    }

    private int regions(TapeDevice device, List<BlobName> sorted, long readThrough) {
        int regions = 0;
        MediaPosition previous = null;
        for (BlobName name : sorted) {
            MediaPosition at = device.position(name).orElseThrow();
            if (previous == null || !previous.volume().equals(at.volume())
                    || at.position() - (previous.position() + packKib * 1024L) > readThrough) {
                regions++;
            }
            previous = at;
        }
        return regions;
    }

    private Path fresh(String name) throws IOException {
        Path folder = work.resolve(name);
        delete(folder);
        return Files.createDirectories(folder);
    }

    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static ByteBuffer randomDirect(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return ByteBuffer.allocateDirect(size).put(bytes).flip();
    }
}
