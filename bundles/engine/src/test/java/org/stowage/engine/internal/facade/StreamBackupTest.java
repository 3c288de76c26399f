package org.stowage.engine.internal.facade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.StowageException;
import org.stowage.api.repository.StreamBackupRequest;
import org.stowage.engine.internal.testing.MemoryRepository;

/** A stream backed up as one named file of a snapshot (restic's --stdin), through the facades. */
class StreamBackupTest {

    @TempDir
    Path restored;

    private final MemoryRepository repository = new MemoryRepository();
    private final EngineBackupService backups = new EngineBackupService(() -> repository);
    private final EngineSnapshotService snapshots = new EngineSnapshotService(() -> repository);
    private final EngineRestoreService restores = new EngineRestoreService(() -> repository);

    @Test
    void streamBecomesOneNamedFileThatRestoresAndDumpsIdentically() throws IOException {
        byte[] data = random(5 * 1024 * 1024 + 17, 1);
        SnapshotInfo snapshot = backups.backup(new StreamBackupRequest("db.sql", "h", Set.of("dump"), null),
                new ByteArrayInputStream(data), null);
        assertEquals(List.of("/db.sql"), snapshot.paths());
        assertEquals(Set.of("dump"), snapshot.tags());
        assertEquals(1, snapshot.stats().filesNew());
        assertEquals(data.length, snapshot.stats().bytesProcessed());
        List<NodeInfo> root = snapshots.list(snapshot.id(), "/", false);
        assertEquals(1, root.size());
        assertEquals("/db.sql", root.get(0).path());
        assertEquals(data.length, root.get(0).size());

        ByteArrayOutputStream dumped = new ByteArrayOutputStream();
        snapshots.dump(snapshot.id(), "/db.sql", dumped);
        assertArrayEquals(data, dumped.toByteArray());
        restores.restore(new RestoreRequest(snapshot.id(), restored, List.of()), null);
        assertArrayEquals(data, Files.readAllBytes(restored.resolve("db.sql")));
    }

    @Test
    void theSameStreamAgainStoresOnlyANewTreeAndHasTheFirstAsParent() {
        byte[] data = random(3 * 1024 * 1024, 2);
        SnapshotInfo first = backups.backup(new StreamBackupRequest("x.bin", "h", Set.of(), null),
                new ByteArrayInputStream(data), null);
        SnapshotInfo second = backups.backup(new StreamBackupRequest("x.bin", "h", Set.of(), null),
                new ByteArrayInputStream(data), null);
        assertEquals(first.id(), second.parent());
        // every chunk is known; only the root tree is new, since the file's modification time is the backup's
        assertEquals(1, second.stats().blobsAdded());
        assertTrue(second.stats().bytesAdded() < data.length / 100, second.stats().toString());
    }

    @Test
    void aReadErrorFailsTheBackupInsteadOfSkippingTheFile() {
        byte[] data = random(4 * 1024 * 1024, 3);
        InputStream breaking = new InputStream() {
            private int read;

            @Override
            public int read() throws IOException {
                if (read == 2 * 1024 * 1024) {
                    throw new IOException("pipe broke");
                }
                return data[read++] & 0xff;
            }
        };
        StowageException e = assertThrows(StowageException.class, () -> backups.backup(
                new StreamBackupRequest("x.bin", "h", Set.of(), null), breaking, null));
        assertTrue(e.getMessage().contains("pipe broke") && e.getMessage().contains("/x.bin"), e.getMessage());
        assertTrue(snapshots.snapshots().stream().allMatch(s -> !s.isComplete()),
                "no complete snapshot without the data");
    }

    @Test
    void namesWithSlashesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StreamBackupRequest("a/b", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new StreamBackupRequest("..", null, null, null));
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
