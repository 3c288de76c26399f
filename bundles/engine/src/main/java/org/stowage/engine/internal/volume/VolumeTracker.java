package org.stowage.engine.internal.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A volume whose writes go through Stowage (the NBD export) and are tracked: every written block is dirty until a
 * backup takes it, durably ({@link TrackingState}: a crash falls back to reading the zones that were open). While a
 * backup runs, its blocks are protected by {@link CopyOnWrite}. Writes made to the image behind Stowage's back
 * cannot be seen: if the image's mtime differs from the one at the last checkpoint, nothing is vouched for and the
 * next backup compares every block's hash.
 *
 * <p>Order per write: intent zone durable → block marked dirty → old bytes copied if a backup needs them → data
 * written. A checkpoint (client flush, backup end, close) forces the image, then replaces the state, then empties
 * the intent journal; it excludes the first two steps of writers, so no dirty mark falls between state and journal.
 * Thread-safe: several connections may read and write at once.
 */
public final class VolumeTracker implements AutoCloseable {

    private final String name;
    private final VolumeFile file;
    private final int blockSize;
    private final int blocks;
    private final Path stateDir;
    private final TrackingState state;
    private final ReentrantReadWriteLock marking = new ReentrantReadWriteLock();
    private final Set<Integer> openZones = new HashSet<>();
    private BitSet dirty;
    private String base;
    private boolean vouched;
    private volatile CopyOnWrite backup;

    private VolumeTracker(String name, VolumeFile file, int blockSize, Path stateDir) {
        this.name = name;
        this.file = file;
        this.blockSize = blockSize;
        this.blocks = (int) ((file.size() + blockSize - 1) / blockSize);
        this.stateDir = stateDir;
        this.state = new TrackingState(stateDir);
    }

    /** Opens {@code image} for tracked reads and writes; the state lives in {@code stateDir}. */
    public static VolumeTracker open(String name, Path image, int blockSize, Path stateDir) throws IOException {
        VolumeFile file = VolumeFile.open(image, true);
        VolumeTracker tracker = new VolumeTracker(name, file, BlockSizes.check(blockSize), stateDir);
        try {
            TrackingState.Loaded loaded = tracker.state.load(blockSize, file.size());
            long mtime = tracker.mtime();
            tracker.vouched = loaded != null && loaded.vouched() && (loaded.zones() > 0 || loaded.imageMtime() == mtime);
            tracker.dirty = loaded == null ? new BitSet() : loaded.dirty();
            tracker.base = tracker.vouched ? loaded.base() : "";
            tracker.state.checkpoint(blockSize, file.size(), tracker.base, mtime, tracker.dirty);
            return tracker;
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public long size() {
        return file.size();
    }

    public int blockSize() {
        return blockSize;
    }

    public void read(long offset, ByteBuffer into) throws IOException {
        file.readFully(offset, into);
    }

    /** Writes {@code data} at {@code offset}, tracked (see the class comment for the order). */
    public void write(long offset, ByteBuffer data) throws IOException {
        int first = (int) (offset / blockSize);
        int last = (int) ((offset + Math.max(1, data.remaining()) - 1) / blockSize);
        mark(first, last);
        CopyOnWrite cow = backup;
        if (cow != null) {
            for (int b = first; b <= last; b++) {
                cow.beforeWrite(b);
            }
        }
        file.writeFully(offset, data);
    }

    private void mark(int first, int last) throws IOException {
        marking.readLock().lock();
        try {
            synchronized (this) {
                for (int zone = first / TrackingState.ZONE; zone <= last / TrackingState.ZONE; zone++) {
                    int zoneFirst = Math.max(first, zone * TrackingState.ZONE);
                    int zoneLast = Math.min(last, zone * TrackingState.ZONE + TrackingState.ZONE - 1);
                    // a block dirty already is durable as such (in the state, or in a zone opened since)
                    if (!openZones.contains(zone) && dirty.nextClearBit(zoneFirst) <= zoneLast) {
                        state.openZone(zone);
                        openZones.add(zone);
                    }
                }
                dirty.set(first, last + 1);
            }
        } finally {
            marking.readLock().unlock();
        }
    }

    /** Forces the image and makes the dirty set durable (a client's flush). */
    public void flush() throws IOException {
        file.channel().force(false);
        checkpoint();
    }

    private void checkpoint() throws IOException {
        marking.writeLock().lock();
        try {
            synchronized (this) {
                BitSet durable = (BitSet) dirty.clone();
                CopyOnWrite cow = backup;
                if (cow != null) {
                    durable.or(cow.toRead()); // until the backup commits, what it reads is still unsaved
                }
                state.checkpoint(blockSize, file.size(), base, mtime(), durable);
                openZones.clear();
            }
        } finally {
            marking.writeLock().unlock();
        }
    }

    /**
     * Starts a backup of the volume as it is now. With {@code parentId} equal to the snapshot the dirty set is
     * relative to, only dirty blocks are read; otherwise (first backup, another parent, not vouched, or
     * {@code full}) every block is read and compared by hash.
     */
    public synchronized TrackedBackup beginBackup(String parentId, boolean full) throws IOException {
        if (backup != null) {
            throw new IllegalStateException("a backup of volume '" + name + "' is running already");
        }
        boolean tracked = !full && vouched && parentId != null && parentId.equals(base);
        CopyOnWrite cow = new CopyOnWrite(file, blockSize, blocks, tracked ? dirty : null,
                stateDir.resolve("cow"));
        backup = cow;
        dirty = new BitSet();
        return new TrackedBackup(cow, tracked ? cow.toRead() : null);
    }

    /** Ends a backup: committed, the dirty set is now relative to {@code snapshotId}; failed, its blocks stay dirty. */
    public void endBackup(TrackedBackup run, String snapshotId) throws IOException {
        synchronized (this) {
            if (snapshotId == null) {
                dirty.or(run.cow().toRead());
            } else {
                base = snapshotId;
                vouched = true;
            }
            backup = null;
        }
        run.cow().close();
        flush();
    }

    /** Blocks written since the base snapshot (a copy), and those copied for a running backup. */
    public synchronized Status status() {
        CopyOnWrite cow = backup;
        BitSet copied = new BitSet();
        if (cow != null) {
            for (int b = 0; b < blocks; b++) {
                if (cow.copied(b)) {
                    copied.set(b);
                }
            }
        }
        BitSet pending = cow == null ? new BitSet() : cow.toRead();
        pending.or(dirty);
        return new Status(base, vouched, pending, copied);
    }

    private long mtime() throws IOException {
        return Files.isRegularFile(file.path())
                ? Files.getLastModifiedTime(file.path()).to(java.util.concurrent.TimeUnit.NANOSECONDS) : 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            state.close();
            file.close();
        }
    }

    /** A running backup: its copy-on-write reader and the blocks it reads (null: all, compared by hash). */
    public record TrackedBackup(CopyOnWrite cow, BitSet toRead) {
    }

    /**
     * @param base    the snapshot the dirty set is relative to ("" none yet)
     * @param vouched whether the tracking vouches for the blocks it does not call dirty
     * @param dirty   blocks not yet backed up (written since the base, or being backed up now)
     * @param copied  blocks whose old contents were copied for the running backup
     */
    public record Status(String base, boolean vouched, BitSet dirty, BitSet copied) {
    }
}
