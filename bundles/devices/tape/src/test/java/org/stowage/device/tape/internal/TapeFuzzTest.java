package org.stowage.device.tape.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;

/**
 * Fuzzes what a tape driver reads from a cartridge, where only CRCs protect the records: arbitrary bytes and byte
 * mutations of a real cartridge (the outer layer: torn tails, bad CRCs, lengths) and cartridges whose header JSON is
 * mutated but whose records carry correct CRCs (the inner parser: what another program or a damaged writer could
 * leave). Documented outcome: {@link TapeFiles#readHeader} and a scan return or throw an {@link IOException}; a
 * device on such a library reports IDLE or OFFLINE (with a reason) and never throws from its status, and every blob
 * it lists reads back or fails with an {@link IOException}. At most {@link #MAX_BYTES} allocated per step for
 * cartridges of a few KiB, and no hang.
 */
class TapeFuzzTest {

    static final long MAX_BYTES = 8 << 20;
    private static final long HANG_NANOS = 20_000_000_000L;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode[] ODD = {JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.numberNode(-1),
        JsonNodeFactory.instance.numberNode(Long.MAX_VALUE), JsonNodeFactory.instance.numberNode(Integer.MIN_VALUE),
        JsonNodeFactory.instance.textNode(""), JsonNodeFactory.instance.textNode("data"),
        JsonNodeFactory.instance.textNode("nope/x"), JsonNodeFactory.instance.textNode("blob"),
        JsonNodeFactory.instance.textNode("forget"), JsonNodeFactory.instance.textNode("catalog"),
        JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.booleanNode(true)};

    private static final List<TapeHeader> HEADERS = List.of(
            TapeHeader.label("L00001", 0),
            TapeHeader.blob("L00001", 0, "data/aa", 3),
            TapeHeader.blob("L00001", 0, "index/bb", 3),
            TapeHeader.catalog("L00001", 0, List.of(new TapeHeader.BlobRecord("data/aa", 100, 1, 60, 3, "00")),
                    List.of(new TapeHeader.ForgetRecord("data/zz", "L00002", 0, 5)), false),
            TapeHeader.forget("L00001", 0, List.of(new TapeHeader.ForgetRecord("index/bb", "L00001", 0, 200))));

    private Path library;
    private final SimulatedMotion motion = new SimulatedMotion();

    @BeforeTry
    void newLibrary() throws IOException {
        library = Files.createTempDirectory("tape-fuzz");
    }

    @AfterTry
    void removeLibrary() throws IOException {
        try (Stream<Path> files = Files.walk(library)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(file);
            }
        }
    }

    @Property
    void arbitraryBytesAreTapeFilesOrNot(@ForAll @Size(max = 8192) byte[] bytes) throws IOException {
        check(bytes);
    }

    @Property
    void mutatedCartridgesScanOrStayOffline(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n)
            throws IOException {
        check(mutate(cartridge(HEADERS), seed, n));
    }

    @Property
    void mutatedHeadersWithCorrectCrcsScanOrStayOffline(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n,
                                                       @ForAll boolean structural) throws IOException {
        Random random = new Random(seed);
        List<byte[]> headers = new ArrayList<>();
        HEADERS.forEach(h -> headers.add(TapeFiles.json(h)));
        for (int i = 0; i < n; i++) {
            int which = random.nextInt(headers.size());
            headers.set(which, structural ? mutateJson(headers.get(which), random)
                    : mutate(headers.get(which), random.nextLong(), 1));
        }
        List<byte[]> files = new ArrayList<>();
        headers.forEach(json -> files.add(TapeFilesTest.tapeFile(json, new byte[] {1, 2, 3})));
        check(concat(files));
    }

    /** Parses {@code cartridge} as the virtual cartridge L00001, then as a library, checking every outcome. */
    private void check(byte[] cartridge) throws IOException {
        Path file = library.resolve("L00001.vtape");
        Files.write(file, cartridge);
        bounded("readHeader", () -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                return TapeFiles.readHeader(channel, 0);
            }
        });
        VirtualCartridge virtual = new VirtualCartridge("L00001", file);
        bounded("scan", virtual::scan);
        virtual.close();
        TapeDevice device = TapeFixture.virtual(library, 2, 1 << 20, 4, motion);
        DeviceStatus status = bounded("status", device::status);
        if (status == null || status.state() == DeviceState.OFFLINE && status.reason().isEmpty()) {
            throw new AssertionError("status " + status + " of a fuzzed library: OFFLINE needs a reason");
        }
        if (status.state() != DeviceState.OFFLINE) {
            for (BlobType type : BlobType.values()) {
                List<BlobInfo> blobs = new ArrayList<>();
                device.list(type, blobs::add);
                for (BlobInfo blob : blobs) {
                    bounded("get of " + blob.name(), () -> device.get(blob.name(), ByteRange.ALL));
                }
            }
        }
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws IOException;
    }

    /** Runs a step: a value or an IOException (null), else an AssertionError; bounded allocation, no hang. */
    private static <T> T bounded(String what, Step<T> step) {
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        T value = null;
        try {
            value = step.run();
        } catch (IOException documented) {
            // torn, invalid or unreadable medium: the documented failure
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + " threw an undocumented " + e, e);
        }
        long bytes = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        if (bytes > MAX_BYTES || System.nanoTime() - start > HANG_NANOS) {
            throw new AssertionError(what + " allocated " + bytes + " bytes in " + (System.nanoTime() - start) / 1e6
                    + " ms; bounds " + MAX_BYTES + " bytes, " + HANG_NANOS / 1e6 + " ms");
        }
        return value;
    }

    private static byte[] cartridge(List<TapeHeader> headers) {
        List<byte[]> files = new ArrayList<>();
        headers.forEach(h -> files.add(TapeFilesTest.tapeFile(TapeFiles.json(h), new byte[] {1, 2, 3})));
        return concat(files);
    }

    private static byte[] concat(List<byte[]> parts) {
        int length = parts.stream().mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Byte mutations: flipped bits, boundary longs (lengths are u64), truncation, inserted bytes. */
    private static byte[] mutate(byte[] valid, long seed, int n) {
        Random random = new Random(seed);
        byte[] bytes = valid.clone();
        for (int i = 0; i < n && bytes.length > 0; i++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> {
                    long value = new long[] {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - at,
                        bytes.length, 1L << 26}[random.nextInt(7)];
                    for (int b = 0; b < 8 && at + b < bytes.length; b++) {
                        bytes[at + b] = (byte) (value >>> (56 - 8 * b));
                    }
                }
                case 2 -> bytes = Arrays.copyOf(bytes, at);
                default -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt();
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
            }
        }
        return bytes;
    }

    /** One field of the header (or of one of its records) replaced by an odd value or removed. */
    private static byte[] mutateJson(byte[] json, Random random) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(json);
            ObjectNode target = root;
            for (JsonNode list : new JsonNode[] {root.get("entries"), root.get("forgets")}) {
                if (list != null && list.isArray() && !list.isEmpty() && random.nextBoolean()) {
                    target = (ObjectNode) list.get(0);
                }
            }
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = target.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(4) == 0) {
                target.remove(name);
            } else {
                target.set(name, ODD[random.nextInt(ODD.length)].deepCopy());
            }
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
