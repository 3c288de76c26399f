package org.stowage.staging.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;

/** Helpers shared by the store tests: content, names, small options and crash images of a store directory. */
final class StoreFixtures {

    static final int BLOCK = 4096;

    private StoreFixtures() {
    }

    /** Small blocks and segments, so that tests cross block and segment boundaries with little data. */
    static StoreOptions small(long capacity) {
        return StoreOptions.withCapacity(capacity).withBlockSize(BLOCK).withSegmentBytes(64 * 1024)
                .withStageTimeout(Duration.ofSeconds(5));
    }

    /** A pack: its blocks get unique ids with a CRC32C ({@link BlockIdentity#CHECKSUM}). */
    static BlobName pack(String id) {
        return BlobName.of(BlobType.DATA, id);
    }

    /** A blob that is not a pack (an index file): content-addressed blocks ({@link BlockIdentity#CONTENT_HASH}). */
    static BlobName object(String id) {
        return BlobName.of(BlobType.INDEX, id);
    }

    static ByteBuffer random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    /**
     * The files of {@code dir} as a crash would leave them (the open store is not closed and keeps running): a copy
     * that a fresh store can open, as after kill -9.
     */
    static Path crashImage(Path dir, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(dir.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else if (!source.getFileName().toString().equals("LOCK")) {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }

    /**
     * Cuts the last {@code bytes} of the records off a segment file: a segment ends in zero padding to a file system
     * block when its appends bypassed the page cache, so the cut is counted from the last non-zero byte (the test's
     * data is random and ends in a non-zero byte).
     */
    static void cutRecords(Path segment, long bytes) throws IOException {
        byte[] content = Files.readAllBytes(segment);
        int end = content.length;
        while (end > 0 && content[end - 1] == 0) {
            end--;
        }
        truncate(segment, end - bytes);
    }

    static void truncate(Path file, long length) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(length);
        }
    }
}
