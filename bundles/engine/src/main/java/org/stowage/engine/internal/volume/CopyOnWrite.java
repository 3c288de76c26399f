package org.stowage.engine.internal.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Copy on write for one backup of a volume that clients keep writing (source design S4): a block the backup still
 * has to read is copied to a side file before its first overwrite, and the backup reads that copy instead of the
 * volume, so it stores the volume as it was when it began. Blocks the backup does not read (clean ones of a tracked
 * incremental) and blocks it has read already are overwritten without a copy.
 *
 * <p>Per block: pending (the backup will read it), done (read, or not part of the backup) or copied (waiting in the
 * side file until the backup takes it). A writer and
 * the backup's reader decide under the same per-block lock (striped), and the writer writes after deciding, so the
 * reader sees either the old bytes in the volume or their copy. Thread-safe; the side file is deleted by
 * {@link #close}.
 */
public final class CopyOnWrite implements BlockReader, AutoCloseable {

    private static final byte PENDING = 0;
    private static final byte DONE = 1;
    private static final byte COPIED = 2;

    private final VolumeFile volume;
    private final int blockSize;
    private final BitSet toRead;
    private final byte[] states;
    private final ReentrantLock[] stripes = new ReentrantLock[64];
    private final ConcurrentHashMap<Integer, Long> copies = new ConcurrentHashMap<>();
    /**
     * Slots of the side file whose copy the backup has taken: reused, so the file stays as large as the writers' lead
     * over the backup's reader, and its pages are rewritten in the page cache instead of piling up as dirty data.
     */
    private final ConcurrentLinkedQueue<Long> freeSlots = new ConcurrentLinkedQueue<>();
    private final AtomicLong copyEnd = new AtomicLong();
    private final AtomicInteger copiedCount = new AtomicInteger();
    private final Path sideFile;
    private final FileChannel side;
    private volatile boolean closed;
    /** One block's buffer per writing thread (an NBD connection): copies need no allocation. */
    private final ThreadLocal<ByteBuffer> scratch;

    /** @param toRead the blocks the backup reads (a copy is kept); null for every block */
    CopyOnWrite(VolumeFile volume, int blockSize, int blocks, BitSet toRead, Path sideFile) throws IOException {
        this.volume = volume;
        this.blockSize = blockSize;
        this.toRead = toRead == null ? allOf(blocks) : (BitSet) toRead.clone();
        this.states = new byte[blocks];
        this.scratch = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(blockSize));
        for (int i = 0; i < blocks; i++) {
            states[i] = this.toRead.get(i) ? PENDING : DONE;
        }
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.sideFile = sideFile;
        Files.createDirectories(sideFile.getParent());
        this.side = FileChannel.open(sideFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static BitSet allOf(int blocks) {
        BitSet all = new BitSet(blocks);
        all.set(0, blocks);
        return all;
    }

    /** The blocks this backup reads. */
    BitSet toRead() {
        return (BitSet) toRead.clone();
    }

    /** Call before writing into block {@code block}: copies its old bytes if the backup has yet to read them. */
    void beforeWrite(int block) throws IOException {
        ReentrantLock lock = stripes[block % stripes.length];
        lock.lock();
        try {
            if (closed || states[block] != PENDING) {
                return; // a writer that saw this backup just before it ended: nothing left to protect
            }
            int length = (int) Math.min(blockSize, volume.size() - (long) block * blockSize);
            ByteBuffer old = scratch.get().clear().limit(length); // direct: no hidden copy in the JDK's file I/O
            volume.readFully((long) block * blockSize, old);
            Long free = freeSlots.poll();
            long slot = free != null ? free : copyEnd.getAndAdd(blockSize);
            old.flip();
            for (long at = slot; old.hasRemaining(); ) {
                at += side.write(old, at);
            }
            copies.put(block, slot);
            states[block] = COPIED;
            copiedCount.incrementAndGet();
        } finally {
            lock.unlock();
        }
    }

    boolean copied(int block) {
        return states[block] == COPIED;
    }

    /** Blocks copied so far (also those the backup has taken since). */
    int copiedBlocks() {
        return copiedCount.get();
    }

    @Override
    public void read(int block, long position, ByteBuffer into) throws IOException {
        ReentrantLock lock = stripes[block % stripes.length];
        lock.lock();
        try {
            Long at = copies.remove(block);
            if (at == null) {
                volume.readFully(position, into);
                states[block] = DONE;
                return;
            }
            long p = at;
            while (into.hasRemaining()) {
                int n = side.read(into, p);
                if (n < 0) {
                    throw new IOException("the copy-on-write file " + sideFile + " ended early at block " + block);
                }
                p += n;
            }
            states[block] = DONE; // taken: the block is now only dirty for the next backup
            freeSlots.add(at);
        } finally {
            lock.unlock();
        }
    }

    /** Ends copying: waits for copies in progress (each holds its stripe), then deletes the side file. */
    @Override
    public void close() throws IOException {
        closed = true;
        for (ReentrantLock stripe : stripes) {
            stripe.lock();
            stripe.unlock();
        }
        side.close();
        Files.deleteIfExists(sideFile);
    }
}
