package org.stowage.staging.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.support.DirectIo;

/**
 * The segment files of a store: sealed ones (read, compacted, deleted) and the one active segment new blocks are
 * appended to. A run never appends to a segment an earlier run wrote, so a torn tail left by a crash is never
 * followed by new records; it is dead space, reclaimed with the segment. Where the file system takes
 * {@code O_DIRECT} (probed at open), the active segment's appends bypass the page cache ({@link DirectAppends},
 * through one aligned buffer of {@value #DIRECT_BUFFER_BYTES} bytes, made at the first append and kept while the
 * store is open).
 *
 * <p>Thread safety: {@link #append}, {@link #forceWritten}, {@link #delete} and {@link #sealedIds} are called under
 * the store's append lock; {@link #get} and {@link #diskBytes} from any thread.
 */
final class SegmentSet implements AutoCloseable {

    static final int DIRECT_BUFFER_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(SegmentSet.class);

    /** How the active segment's appends bypass the page cache. */
    private record Unbuffered(OpenOption option, int blockSize) {
    }

    private final Path dir;
    private final long segmentBytes;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final Set<Segment> unforced = new LinkedHashSet<>();
    private final Optional<Unbuffered> unbuffered;
    private ByteBuffer directBuffer;
    private Segment active;
    private long nextId;

    private SegmentSet(Path dir, long segmentBytes, Optional<Unbuffered> unbuffered) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.unbuffered = unbuffered;
    }

    /** Opens the segments in {@code dir} (created if absent), appending with {@code O_DIRECT} where it is taken. */
    static SegmentSet open(Path dir, long segmentBytes) throws IOException {
        return open(dir, segmentBytes, true);
    }

    /** As {@link #open(Path, long)}; with {@code tryDirect} false, appends go through the page cache regardless. */
    static SegmentSet open(Path dir, long segmentBytes, boolean tryDirect) throws IOException {
        Files.createDirectories(dir);
        SegmentSet set = new SegmentSet(dir, segmentBytes, tryDirect ? probe(dir) : Optional.empty());
        TreeMap<Long, Path> found = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "seg-*.blocks")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                found.put(Long.parseLong(name.substring(4, name.length() - ".blocks".length())), file);
            }
        } catch (NumberFormatException e) {
            throw new IOException("staging segment directory " + dir + " holds a file named like a segment whose "
                    + "number does not parse; move it out of the directory", e);
        }
        for (var entry : found.entrySet()) {
            set.segments.put(entry.getKey(), Segment.openSealed(entry.getValue(), entry.getKey()));
        }
        set.nextId = found.isEmpty() ? 1 : found.lastKey() + 1;
        return set;
    }

    private static Optional<Unbuffered> probe(Path dir) {
        Path probeFile = dir.resolve("direct-io.probe"); // not named like a segment: a crash may leave it behind
        try {
            Files.deleteIfExists(probeFile);
            int blockSize = DirectIo.probe(probeFile);
            return Optional.of(new Unbuffered(DirectIo.option().orElseThrow(), blockSize));
        } catch (IOException e) {
            LOG.info("Staging segments in {} are written through the page cache: {}", dir, e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether appends bypass the page cache. */
    boolean direct() {
        return unbuffered.isPresent();
    }

    /** Appends a block record to the active segment, starting a new one when it is full. Not yet durable. */
    BlockLocation append(BlockHeader header, ByteBuffer data) throws IOException {
        if (active == null || active.size() >= segmentBytes) {
            if (active != null) {
                active.sealAppends();
            }
            active = Segment.create(dir, nextId);
            segments.put(nextId, active);
            nextId++;
            if (unbuffered.isPresent()) {
                Unbuffered direct = unbuffered.get();
                if (directBuffer == null) {
                    directBuffer = DirectIo.alignedBuffer(DIRECT_BUFFER_BYTES, direct.blockSize());
                }
                active.appendDirect(direct.option(), directBuffer, direct.blockSize());
            }
        }
        unforced.add(active);
        return active.append(header, data);
    }

    /** Forces every segment appended to since the last call: after it, the appended blocks survive a crash. */
    void forceWritten() throws IOException {
        for (Segment segment : unforced) {
            segment.force();
        }
        unforced.clear();
    }

    Optional<Segment> get(long id) {
        return Optional.ofNullable(segments.get(id));
    }

    /** Segments that receive no more appends: candidates for deletion and compaction. */
    List<Segment> sealed() {
        List<Segment> sealed = new ArrayList<>(segments.values());
        sealed.remove(active);
        return sealed;
    }

    /** Unlinks a segment none of whose blocks is live any more (readers in progress finish on the open file). */
    void delete(Segment segment) throws IOException {
        segments.remove(segment.id());
        unforced.remove(segment);
        segment.delete();
    }

    /** Bytes of all segment files. */
    long diskBytes() {
        return segments.values().stream().mapToLong(Segment::size).sum();
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Segment segment : segments.values()) {
            try {
                segment.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
