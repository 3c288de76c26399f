package org.stowage.engine.internal.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.stowage.engine.internal.crypto.MasterKey;
import org.stowage.engine.internal.crypto.Sealer;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.index.MasterIndex;
import org.stowage.engine.internal.index.PackRecord;
import org.stowage.engine.internal.memory.DirectMemory;
import org.stowage.engine.internal.memory.ThreadResources;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;

/**
 * The packer's uploaders and its memory bound: one uploader per device plus one, so that packs held by slow devices
 * leave uploaders for the others; and never more packs held than {@link Packer#maxPacks()}, however slow the
 * devices. Packs of four incompressible 16 KiB blobs; the writer stands for the placement and its devices.
 */
class PackerTest {

    private static final int PACK_SIZE = 64 << 10;
    private static final int BLOB = 16 << 10;
    private static final int BLOBS_PER_PACK = 4;

    private final StoredForm form = new StoredForm(new Sealer(MasterKey.random(new SecureRandom()).encryptionKey()),
            3);
    private final MasterIndex index = new MasterIndex();
    private final ByteBuffer content = random(BLOB);
    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void oneUploaderPerDevicePlusOneAtLeastTwoAtMostEight() {
        assertEquals(2, Packer.uploadersFor(1), "one device: two, as always");
        assertEquals(3, Packer.uploadersFor(2));
        assertEquals(4, Packer.uploadersFor(3));
        assertEquals(8, Packer.uploadersFor(7));
        assertEquals(8, Packer.uploadersFor(40), "bounded, whatever the number of devices");
    }

    @Test
    void packsHeldBySlowDevicesLeaveUploadersForTheOthers() throws Exception {
        CountDownLatch slowDevicesDone = new CountDownLatch(1);
        AtomicInteger written = new AtomicInteger();
        AtomicInteger uploads = new AtomicInteger();
        // over three devices: the first three packs go to devices that take their time, the rest to a fast one
        Packer packer = new Packer((name, pack, kind) -> {
            if (uploads.incrementAndGet() <= 3) {
                await(slowDevicesDone);
                return List.of("slow");
            }
            written.incrementAndGet();
            return List.of("fast");
        }, List.of("slow", "fast", "other"), form, index, PACK_SIZE, BLOB, Packer.uploadersFor(3));
        try {
            int packs = 20;
            CompletableFuture<Void> saving = CompletableFuture.runAsync(() -> save(packer, packs * BLOBS_PER_PACK));
            // every pack but the three held is written while they are held: the saver never waits for them
            saving.get();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> written.get() == packs - 3);
            assertEquals(3, uploads.get() - written.get(), "the three slow packs are still being written");
            slowDevicesDone.countDown();
            List<PackRecord> uploaded = packer.finishAndWait();
            assertEquals(packs, uploaded.size());
        } finally {
            slowDevicesDone.countDown();
            packer.close();
        }
    }

    @Test
    void nothingBeyondTheBoundIsHeldWhenEveryDeviceIsStuck() throws Exception {
        CountDownLatch devicesStuck = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        int uploaders = Packer.uploadersFor(3);
        Packer packer = new Packer((name, pack, kind) -> {
            inFlight.incrementAndGet();
            await(devicesStuck);
            return List.of("d");
        }, List.of("d"), form, index, PACK_SIZE, BLOB, uploaders);
        AtomicInteger saved = new AtomicInteger();
        try {
            assertEquals(Packer.OPEN + uploaders + Packer.QUEUED, packer.maxPacks());
            CompletableFuture<Void> saving = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 1000; i++) {
                    save(packer, 1);
                    saved.incrementAndGet();
                }
            });
            // the saver fills every pack it may hold, then waits for an upload to end (back pressure)
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> saved.get() == packer.maxPacks() * BLOBS_PER_PACK && inFlight.get() == uploaders);
            Thread.sleep(200); // nothing more moves while the devices are stuck
            assertEquals(packer.maxPacks() * BLOBS_PER_PACK, saved.get());
            assertEquals(uploaders, inFlight.get(), "every uploader is writing");
            assertFalse(saving.isDone());
            devicesStuck.countDown();
            saving.get();
            assertEquals(1000 / BLOBS_PER_PACK, packer.finishAndWait().size());
        } finally {
            devicesStuck.countDown();
            packer.close();
        }
    }

    @Test
    void aTreePackStartsSmallAndGrowsAsItFillsWhileADataPackTakesAWholeBuffer() throws Exception {
        int packSize = 16 << 20;
        int largestBlob = 4 << 20;
        Packer packer = new Packer((name, pack, kind) -> List.of("d"), List.of("d"), form, index, packSize,
                largestBlob, Packer.uploadersFor(1));
        long before = DirectMemory.live();
        try {
            packer.save(BlobKind.TREE, new BlobId(ids.incrementAndGet(), 0, 0, 0), content.duplicate());
            long treeStart = DirectMemory.live() - before;
            int trees = 3 * Packer.TREE_PACK_START / BLOB; // three times what its first buffer holds
            for (int i = 1; i < trees; i++) {
                packer.save(BlobKind.TREE, new BlobId(ids.incrementAndGet(), 0, 0, 0), content.duplicate());
            }
            long treeGrown = DirectMemory.live() - before;
            save(packer, 1);
            long withData = DirectMemory.live() - before;

            assertTrue(treeStart < 2 * Packer.TREE_PACK_START, () -> "a tree pack starts at 1 MiB: " + treeStart);
            assertTrue(treeGrown >= 3L * Packer.TREE_PACK_START && treeGrown < 8L * Packer.TREE_PACK_START,
                    () -> "it grew to what it holds: " + treeGrown);
            assertTrue(withData - treeGrown >= packSize + largestBlob, () -> "a data pack's buffer holds a whole "
                    + "pack and the largest blob: " + (withData - treeGrown));
            List<PackRecord> packs = packer.finishAndWait();
            assertEquals(List.of(1, trees), packs.stream().map(p -> p.blobs().size()).sorted().toList(),
                    "one pack of trees, one of data");
            ThreadResources.releaseCurrentThread(); // this thread's encoding scratch, which an operation's end frees
            assertEquals(before, DirectMemory.live(), "every pack buffer is freed when saving pauses");
        } finally {
            packer.close();
        }
    }

    private void save(Packer packer, int blobs) {
        try {
            for (int i = 0; i < blobs; i++) {
                int id = ids.incrementAndGet();
                assertTrue(packer.save(BlobKind.DATA, new BlobId(id, 0, 0, 0), content.duplicate()).added());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) throws java.io.InterruptedIOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    private static ByteBuffer random(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }
}
