package org.stowage.engine.internal.restorer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.IntegrityException;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.testing.MemoryRepository;
import org.stowage.engine.internal.repo.StoredRun;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;

/**
 * Concurrent decoding: blobs that finish decoding out of order still land at their offsets, and a blob that fails
 * on a pool thread fails only the files that need it. Uses a fake run whose decodes take random time.
 */
class ParallelDecoderTest {

    private static final int BLOB = 3000;

    @TempDir
    Path dir;

    @Test
    void outOfOrderDecodesLandAtTheirOffsetsAndACorruptBlobFailsOnlyItsFiles() throws IOException {
        int files = 6;
        int blobsPerFile = 7;
        RestorePlan plan = new RestorePlan();
        List<PackedBlob> blobs = new ArrayList<>();
        for (int i = 0; i < files * blobsPerFile; i++) {
            blobs.add(new PackedBlob(BlobKind.DATA, new BlobId(i, 0, 0, 0), "ab".repeat(32), i * 100L, 100,
                    BLOB + i));
        }
        List<RestoreFile> restoreFiles = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            Path path = dir.resolve("f" + f);
            Path temp = dir.resolve(".f" + f + ".tmp");
            Node node = new Node("f" + f, NodeType.FILE, 0644, 0, 0, 0, 0, -1, -1, null, null, List.of(), null, null,
                    null);
            RestoreFile file = new RestoreFile(path, temp, node, blobsPerFile);
            plan.files.add(file);
            restoreFiles.add(file);
            long offset = 0;
            for (int b = 0; b < blobsPerFile; b++) { // file f holds blobs f, f+files, f+2*files, ...
                PackedBlob blob = blobs.get(f + b * files);
                plan.place(blob, file, offset);
                offset += blob.plainLength();
            }
        }
        PackedBlob corrupt = blobs.get(2 + 3 * files); // the 4th blob of file 2 only
        StoredRun run = (blob, out) -> {
            sleepRandomly();
            if (blob.equals(corrupt)) {
                out.put((byte) 1); // partial, unverified bytes that must never reach a file
                throw new IntegrityException("blob " + blob.id().shortHex() + " fails verification");
            }
            out.put(content(blob));
        };
        List<PackedBlob> order = new ArrayList<>(blobs);
        Collections.shuffle(order, new Random(7));
        try (BlobWriter writer = new BlobWriter(plan, new Metadata());
             ParallelDecoder decoder = new ParallelDecoder(writer, new MemoryRepository(), 3)) {
            long runNumber = 0;
            for (int i = 0; i < order.size(); i += 5) {
                decoder.beforeRun(runNumber);
                for (PackedBlob blob : order.subList(i, Math.min(order.size(), i + 5))) {
                    decoder.submit(runNumber, run, blob);
                }
                runNumber++;
            }
            decoder.drain();
            writer.discardFailed();
            assertEquals(files - 1, writer.filesDone());
        }
        for (int f = 0; f < files; f++) {
            RestoreFile file = restoreFiles.get(f);
            assertFalse(Files.exists(file.temp), "temporary file of f" + f + " must be gone");
            if (f == 2) {
                assertFalse(Files.exists(file.path), "f2 needs the corrupt blob and must not be put in place");
                assertTrue(file.failure.contains("fails verification"), file.failure);
                continue;
            }
            ByteBuffer expected = ByteBuffer.allocate((int) Files.size(file.path));
            for (int b = 0; b < blobsPerFile; b++) {
                expected.put(content(blobs.get(f + b * files)));
            }
            assertArrayEquals(expected.array(), Files.readAllBytes(file.path), "content of f" + f);
        }
        assertEquals(1, plan.failures.size(), plan.failures.toString());
        assertTrue(Set.copyOf(plan.failures).iterator().next().contains("f2"));
    }

    /** Deterministic content per blob: its index in every byte, salted by position. */
    private static ByteBuffer content(PackedBlob blob) {
        byte[] bytes = new byte[blob.plainLength()];
        long seed = blob.id().w0();
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return ByteBuffer.wrap(bytes);
    }

    private static void sleepRandomly() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
