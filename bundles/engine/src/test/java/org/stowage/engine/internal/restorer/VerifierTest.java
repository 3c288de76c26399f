package org.stowage.engine.internal.restorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.ProgressListener;
import org.stowage.engine.internal.archiver.Archiver;
import org.stowage.engine.internal.archiver.SourceOpener;
import org.stowage.engine.internal.browse.Trees;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.testing.MemoryRepository;
import org.stowage.engine.internal.testing.SampleTree;
import org.stowage.engine.internal.tree.Node;

/** A file whose bytes differ from the snapshot after it was written is reported, with its offset or length. */
class VerifierTest {

    @TempDir
    Path dir;

    @Test
    void aChangedByteOrLengthIsADifference() throws IOException {
        MemoryRepository repository = new MemoryRepository();
        Path src = dir.resolve("src");
        SampleTree.create(src);
        Snapshot snapshot = new Archiver(repository, SourceOpener.FILES, 2).backup(List.of(src), "host", Set.of(), null,
                ProgressListener.NONE).snapshot();
        Path restored = dir.resolve("restored");
        new Restorer(repository).restore(snapshot, restored, List.of(), ProgressListener.NONE);
        Path big = restored.resolve(src.toString().substring(1)).resolve("big.bin");
        Path deep = restored.resolve(src.toString().substring(1)).resolve("nested/a/b/deep.txt");
        RestorePlan plan = new RestorePlan();
        plan.files.add(file(repository, snapshot, src + "/big.bin", big));
        plan.files.add(file(repository, snapshot, src + "/nested/a/b/deep.txt", deep));
        assertEquals(2, new Verifier(repository).verifyAll(plan));

        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.seek(1_400_000);
            int b = raf.read();
            raf.seek(1_400_000);
            raf.write(b ^ 1);
        }
        Files.write(deep, new byte[10]);
        assertEquals(0, new Verifier(repository).verifyAll(plan));
        assertEquals(2, plan.failures.size(), plan.failures.toString());
        assertTrue(plan.failures.get(0).startsWith(big + ": verify: the bytes at offset "), plan.failures.get(0));
        assertTrue(plan.failures.get(1).contains("it has 10 bytes, the snapshot 70000"), plan.failures.get(1));
    }

    private static RestoreFile file(MemoryRepository repository, Snapshot snapshot, String path, Path restored)
            throws IOException {
        Node node = Trees.entry(repository, snapshot.tree(), path);
        return new RestoreFile(restored, null, node, node.content().size());
    }
}
