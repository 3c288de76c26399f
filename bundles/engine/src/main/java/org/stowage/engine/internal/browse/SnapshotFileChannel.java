package org.stowage.engine.internal.browse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.stowage.api.repository.SnapshotFile;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.tree.Node;

/**
 * A read-only channel over the content of one file of a snapshot, for reads at any position (a mount serves its
 * files through it). The blob offsets come from the index's plain lengths when the channel opens. A read loads the
 * blob under its position (verified by the loader before a byte of it is returned) into a small cache shared by all
 * readers: sequential reads of any size load each blob once, and concurrent positional reads of neighbouring ranges
 * (a kernel's read-ahead) wait for one load of a blob instead of each loading it. The channel methods that use the
 * position serve one reader; {@link #read(ByteBuffer, long)} is thread-safe.
 */
public final class SnapshotFileChannel implements SnapshotFile {

    /** Loads and verifies one data blob; called again for each blob the reads move on to. */
    @FunctionalInterface
    public interface BlobLoader {
        ByteBuffer load(BlobId id) throws IOException;
    }

    /** Blobs kept around the last one loaded: enough for a read-ahead window of a few blobs, in both directions. */
    private static final int KEPT_AROUND = 2;

    private final String path;
    private final List<BlobId> blobs;
    /** starts[i] is the file offset of blob i; starts[blobs.size()] is the file's size. */
    private final long[] starts;
    private final BlobLoader loader;
    private final Map<Integer, CompletableFuture<ByteBuffer>> loaded = new ConcurrentHashMap<>();
    private long position;
    private volatile boolean open = true;

    private SnapshotFileChannel(String path, List<BlobId> blobs, long[] starts, BlobLoader loader) {
        this.path = path;
        this.blobs = blobs;
        this.starts = starts;
        this.loader = loader;
    }

    /**
     * @param repo   the repository whose index knows the blobs' lengths
     * @param node   a file entry with content
     * @param path   its path in the snapshot, for messages
     * @param loader how the reads load a blob
     * @throws IOException if a blob of the file is not in the index
     */
    public static SnapshotFileChannel open(Repository repo, Node node, String path, BlobLoader loader)
            throws IOException {
        Dumper.requireContent(node, path);
        List<BlobId> blobs = List.copyOf(node.content());
        long[] starts = new long[blobs.size() + 1];
        for (int i = 0; i < blobs.size(); i++) {
            BlobId id = blobs.get(i);
            PackedBlob packed = repo.lookup(BlobKind.DATA, id).orElseThrow(() -> new IOException("blob " + id
                    + " of " + path + " is in no pack the index knows; run stowage:check to see what is missing"));
            starts[i + 1] = starts[i] + packed.plainLength();
        }
        return new SnapshotFileChannel(path, blobs, starts, loader);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int read = read(dst, position);
        if (read > 0) {
            position += read;
        }
        return read;
    }

    @Override
    public int read(ByteBuffer dst, long at) throws IOException {
        ensureOpen();
        if (at < 0) {
            throw new IllegalArgumentException("position " + at + " is negative");
        }
        if (at >= size()) {
            return -1;
        }
        int read = 0;
        long offset = at;
        while (dst.hasRemaining() && offset < size()) {
            int index = blobIndexAt(offset);
            ByteBuffer blob = blob(index);
            int from = (int) (offset - starts[index]);
            int length = Math.min(dst.remaining(), blob.limit() - from);
            dst.put(blob.slice(from, length)); // absolute slice: the shared buffer's position is never moved
            offset += length;
            read += length;
        }
        return read;
    }

    /** The index of the blob that holds byte {@code offset} (0 ≤ offset < size). */
    private int blobIndexAt(long offset) {
        int found = Arrays.binarySearch(starts, offset);
        // An exact hit can land on an empty blob's start; the blob holding the byte is the last one starting there.
        return found >= 0 ? lastStartingAt(found) : -found - 2;
    }

    /** Blob {@code index}, loaded once however many readers ask for it at the same time. */
    private ByteBuffer blob(int index) throws IOException {
        CompletableFuture<ByteBuffer> mine = new CompletableFuture<>();
        CompletableFuture<ByteBuffer> shared = loaded.putIfAbsent(index, mine);
        if (shared == null) {
            shared = mine;
            try {
                mine.complete(load(index));
            } catch (IOException | RuntimeException e) {
                loaded.remove(index, mine);
                mine.completeExceptionally(e);
            }
            loaded.keySet().removeIf(i -> Math.abs(i - index) > KEPT_AROUND);
        }
        try {
            return shared.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            throw e;
        }
    }

    private ByteBuffer load(int index) throws IOException {
        ByteBuffer blob = loader.load(blobs.get(index));
        long expected = starts[index + 1] - starts[index];
        if (blob.remaining() != expected) {
            throw new IOException("blob " + blobs.get(index) + " of " + path + " holds " + blob.remaining()
                    + " bytes where the index records " + expected + "; run stowage:check --read-data");
        }
        return blob.slice();
    }

    private int lastStartingAt(int index) {
        int last = index;
        while (last + 1 < blobs.size() && starts[last + 1] == starts[index]) {
            last++;
        }
        return last;
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("position " + newPosition + " is negative");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return starts[blobs.size()];
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        loaded.clear();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
