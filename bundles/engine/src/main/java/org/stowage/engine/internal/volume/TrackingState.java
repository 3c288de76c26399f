package org.stowage.engine.internal.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.zip.CRC32C;

/**
 * The durable part of a volume's tracking on this host (docs/design.md §17, "Tracking files"), in a folder of its
 * own:
 *
 * <pre>
 * state  = 'SVTS'(u32) ‖ version(u8)=1 ‖ blockSize(u32) ‖ size(u64) ‖ baseLength(u16) ‖ base(UTF-8) ‖
 *          imageMtime(i64) ‖ bitmapLength(u32) ‖ dirty bitmap (BitSet.toByteArray) ‖ crc32c(u32) of all before
 * intent = 'SVTI'(u32) ‖ version(u8)=1 ‖ zone(u32)*          (zones of {@link #ZONE} blocks opened for writing)
 * </pre>
 *
 * The state is replaced atomically (temporary file, fsync, rename, fsync of the folder); the intent journal is
 * appended and forced before the first write into a zone since the last checkpoint, as md's write-intent bitmap
 * does, so a crash loses no write: every block written since the checkpoint lies in a zone the journal names, and
 * {@link #load} marks those zones dirty. Not thread-safe: {@link VolumeTracker} serializes calls.
 */
final class TrackingState {

    /** Blocks per intent zone: 1024 (64 MiB at 64 KiB blocks), one fsync per zone first written per checkpoint. */
    static final int ZONE = 1024;
    private static final int STATE_MAGIC = 0x53565453;
    private static final int INTENT_MAGIC = 0x53565449;
    private static final int VERSION = 1;

    private final Path dir;
    private FileChannel intent;

    TrackingState(Path dir) {
        this.dir = dir;
    }

    /**
     * What the folder holds: the dirty set (plus every block of a zone the intent journal names: a crash may have
     * written there), the snapshot it is relative to and the image's mtime at the checkpoint; or null when there is
     * no state yet.
     */
    Loaded load(int blockSize, long size) throws IOException {
        Path file = dir.resolve("state");
        if (!Files.exists(file)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, Math.max(0, b.limit() - 4));
        if (b.limit() < 27 || b.getInt(b.limit() - 4) != (int) crc.getValue() || b.getInt() != STATE_MAGIC
                || b.get() != VERSION) {
            throw new IOException("tracking state " + file + " is damaged (checksum or magic); delete the folder "
                    + dir + " to start tracking afresh: the next backup then compares every block's hash");
        }
        int stateBlockSize = b.getInt();
        long stateSize = b.getLong();
        byte[] base = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(base);
        long mtime = b.getLong();
        byte[] bitmap = new byte[b.getInt()];
        b.get(bitmap);
        BitSet dirty = BitSet.valueOf(bitmap);
        boolean vouched = stateBlockSize == blockSize && stateSize == size;
        int zones = 0;
        Path journal = dir.resolve("intent");
        if (Files.exists(journal)) {
            ByteBuffer j = ByteBuffer.wrap(Files.readAllBytes(journal));
            j.position(Math.min(j.limit(), 5));
            for (; j.remaining() >= 4; zones++) { // a torn last entry was not forced: its write never started
                int zone = j.getInt();
                dirty.set((int) Math.min(Integer.MAX_VALUE, (long) zone * ZONE),
                        (int) Math.min(Integer.MAX_VALUE, (long) (zone + 1) * ZONE));
            }
        }
        return new Loaded(new String(base, StandardCharsets.UTF_8), mtime, dirty, vouched, zones);
    }

    /** Writes the state atomically, then empties the intent journal: every zone is closed again. */
    void checkpoint(int blockSize, long size, String base, long imageMtime, BitSet dirty) throws IOException {
        Files.createDirectories(dir);
        byte[] baseBytes = base.getBytes(StandardCharsets.UTF_8);
        byte[] bitmap = dirty.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 4 + 8 + 2 + baseBytes.length + 8 + 4 + bitmap.length + 4);
        b.putInt(STATE_MAGIC).put((byte) VERSION).putInt(blockSize).putLong(size).putShort((short) baseBytes.length)
                .put(baseBytes).putLong(imageMtime).putInt(bitmap.length).put(bitmap);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue()).flip();
        Path tmp = dir.resolve("state.tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(true);
        }
        try {
            Files.move(tmp, dir.resolve("state"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace the tracking state in " + dir + " atomically: " + e.getMessage(), e);
        }
        forceDir();
        openIntent().truncate(5).force(true);
    }

    /** Appends a zone to the intent journal and forces it: call before the first write into it. */
    void openZone(int zone) throws IOException {
        FileChannel j = openIntent();
        ByteBuffer entry = ByteBuffer.allocate(4).putInt(zone).flip();
        long at = j.size();
        while (entry.hasRemaining()) {
            at += j.write(entry, at);
        }
        j.force(false);
    }

    private FileChannel openIntent() throws IOException {
        if (intent == null) {
            Files.createDirectories(dir);
            intent = FileChannel.open(dir.resolve("intent"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (intent.size() < 5) {
                intent.write(ByteBuffer.allocate(5).putInt(INTENT_MAGIC).put((byte) VERSION).flip(), 0);
                intent.force(true);
                forceDir();
            }
        }
        return intent;
    }

    private void forceDir() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    void close() throws IOException {
        if (intent != null) {
            intent.close();
            intent = null;
        }
    }

    /**
     * @param base    the snapshot the dirty set is relative to ("" for none: the next backup is full)
     * @param vouched false when block size or volume size changed since: then nothing is vouched for
     * @param zones   intent zones found open (a crash): their blocks were added to {@code dirty}
     */
    record Loaded(String base, long imageMtime, BitSet dirty, boolean vouched, int zones) {
    }
}
