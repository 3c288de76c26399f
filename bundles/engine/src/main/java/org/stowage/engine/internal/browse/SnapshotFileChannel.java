package org.stowage.engine.internal.browse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.List;

import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.tree.Node;

/**
 * A read-only channel over the content of one file of a snapshot, for reads at any position (a mount serves its
 * files through it). The blob offsets come from the index's plain lengths when the channel opens; a read loads the
 * blob under its position (verified by the loader before a byte of it is returned) and keeps that one blob, so
 * sequential reads of any size load each blob once. Not thread-safe: one reader at a time.
 */
public final class SnapshotFileChannel implements SeekableByteChannel {

    /** Loads and verifies one data blob; called again for each blob the reads move on to. */
    @FunctionalInterface
    public interface BlobLoader {
        ByteBuffer load(BlobId id) throws IOException;
    }

    private final String path;
    private final List<BlobId> blobs;
    /** starts[i] is the file offset of blob i; starts[blobs.size()] is the file's size. */
    private final long[] starts;
    private final BlobLoader loader;
    private long position;
    private int loadedIndex = -1;
    private ByteBuffer loaded;
    private boolean open = true;

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
        ensureOpen();
        if (position >= size()) {
            return -1;
        }
        int read = 0;
        while (dst.hasRemaining() && position < size()) {
            ByteBuffer blob = blobAt(position);
            int from = (int) (position - starts[loadedIndex]);
            int length = Math.min(dst.remaining(), blob.limit() - from);
            dst.put(blob.slice(from, length));
            position += length;
            read += length;
        }
        return read;
    }

    /** The loaded blob that holds byte {@code offset} (0 ≤ offset < size). */
    private ByteBuffer blobAt(long offset) throws IOException {
        if (loadedIndex < 0 || offset < starts[loadedIndex] || offset >= starts[loadedIndex + 1]) {
            int found = Arrays.binarySearch(starts, offset);
            // An exact hit can land on an empty blob's start; the blob holding the byte is the last one starting there.
            int index = found >= 0 ? lastStartingAt(found) : -found - 2;
            ByteBuffer blob = loader.load(blobs.get(index));
            long expected = starts[index + 1] - starts[index];
            if (blob.remaining() != expected) {
                throw new IOException("blob " + blobs.get(index) + " of " + path + " holds " + blob.remaining()
                        + " bytes where the index records " + expected + "; run stowage:check --read-data");
            }
            loaded = blob.slice();
            loadedIndex = index;
        }
        return loaded;
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
        loaded = null;
        loadedIndex = -1;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
