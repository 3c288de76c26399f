package org.stowage.engine.internal.facade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreRequest.Overwrite;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.testing.MemoryRepository;
import org.stowage.engine.internal.testing.SampleTree;
import org.stowage.engine.internal.testing.Tools;

/** Restore with --exclude, --overwrite and --verify through the facade, on real files. */
class RestoreSelectionTest {

    @TempDir
    Path sources;
    @TempDir
    Path restored;

    private final MemoryRepository repository = new MemoryRepository();
    private final EngineRestoreService restores = new EngineRestoreService(() -> repository);
    private Path src;
    private Path out;

    @BeforeEach
    void setUp() throws IOException {
        src = sources.resolve("src");
        SampleTree.create(src);
        new EngineBackupService(() -> repository).backup(new BackupRequest(List.of(src), "h", Set.of(), null), null);
        out = restored.resolve(src.toString().substring(1));
    }

    private RestoreResult restore(List<String> excludes, Overwrite overwrite, boolean verify) {
        return restores.restore(new RestoreRequest("latest", restored, List.of(), excludes, overwrite, verify), null);
    }

    @Test
    void excludesUseTheSelectionSyntaxAgainstThePathInTheSnapshot() {
        RestoreResult result = restore(List.of("*.txt", "!small.txt", "a/", src + "/big.bin"), null, false);
        assertTrue(result.isComplete(), result.failures().toString());
        assertTrue(Files.exists(out.resolve("small.txt")), "negation brings small.txt back");
        assertFalse(Files.exists(out.resolve("empty.txt")));
        assertFalse(Files.exists(out.resolve("big.bin")), "anchored on the snapshot's absolute path");
        assertFalse(Files.exists(out.resolve("nested/a")), "a folders-only pattern leaves the folder out");
        assertTrue(Files.isSymbolicLink(out.resolve("nested/dangling")));
        assertTrue(Files.exists(out.resolve("script.sh")));
        assertEquals(2, result.files(), "small.txt and script.sh");
        assertEquals(2, result.symlinks(), "link and nested/dangling");
    }

    @Test
    void anInvalidExcludeFailsBeforeAnythingIsWritten() throws IOException {
        StowageException e = assertThrows(StowageException.class, () -> restore(List.of("[a"), null, false));
        assertTrue(e.getMessage().contains("'[a'"), e.getMessage());
        try (var entries = Files.list(restored)) {
            assertEquals(0, entries.count());
        }
    }

    @Test
    void overwriteNeverKeepsWhatTheTargetHas() throws IOException {
        restore(List.of(), null, false);
        Files.writeString(out.resolve("small.txt"), "mine, longer than before");
        RestoreResult again = restore(List.of(), Overwrite.NEVER, false);
        assertEquals("mine, longer than before", Files.readString(out.resolve("small.txt")));
        assertEquals(8, again.skipped(), "6 files and 2 symbolic links exist");
        assertEquals(0, again.files());
        assertTrue(again.isComplete());
    }

    @Test
    void overwriteIfChangedComparesSizeAndModificationTime() throws IOException {
        restore(List.of(), null, false);
        Path small = out.resolve("small.txt");
        Path sibling = out.resolve("nested/a/sibling.txt");
        FileTime time = Files.getLastModifiedTime(sibling, LinkOption.NOFOLLOW_LINKS);
        Files.writeString(small, "changed size");
        Files.writeString(sibling, "SIBLING"); // same size ...
        Files.setLastModifiedTime(sibling, time); // ... and time: the quick check cannot tell
        RestoreResult again = restore(List.of(), Overwrite.IF_CHANGED, false);
        assertEquals("hello\n", Files.readString(small));
        assertEquals("SIBLING", Files.readString(sibling));
        assertEquals(1, again.files());
        assertEquals(7, again.skipped());
        assertTrue(again.isComplete(), again.failures().toString());
        RestoreResult always = restore(List.of(), Overwrite.ALWAYS, false);
        assertEquals("sibling", Files.readString(sibling));
        assertEquals(0, always.skipped());
    }

    @Test
    void verifyReadsEveryRestoredFileBack() throws IOException {
        RestoreResult result = restore(List.of(), null, true);
        assertTrue(result.isComplete(), result.failures().toString());
        assertEquals(6, result.verified());
        SampleTree.assertSame(src, out);
        assertEquals(0, restore(List.of(), null, false).verified(), "no read-back unless asked");
    }

    @Test
    void sparseIsTheDefaultAndNoSparseWritesEveryByte() throws Exception {
        Path image = Files.createDirectories(sources.resolve("images")).resolve("disk.img");
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap("data in the middle".getBytes(StandardCharsets.UTF_8)), 32L << 20);
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}), (64L << 20) - 1); // holes before and after the data
        }
        new EngineBackupService(() -> repository).backup(new BackupRequest(List.of(image), "h", Set.of(), null),
                null);
        Path sparse = sources.resolve("sparse");
        Path full = sources.resolve("full");
        restores.restore(new RestoreRequest("latest", full, List.of(), List.of(), null, false, false), null);
        restores.restore(new RestoreRequest("latest", sparse, List.of(), List.of(), null, false), null);
        Path inSparse = sparse.resolve(image.toString().substring(1));
        Path inFull = full.resolve(image.toString().substring(1));
        assertEquals(Files.mismatch(image, inSparse), -1L);
        assertEquals(Files.mismatch(image, inFull), -1L);
        assertTrue(blocks(inSparse) < 1024, "the default restore leaves holes: " + blocks(inSparse) + " blocks");
        assertTrue(blocks(inFull) >= (64L << 20) / 512, "--no-sparse writes every byte: " + blocks(inFull)
                + " blocks");
    }

    private static long blocks(Path file) throws Exception {
        return Long.parseLong(Tools.run("stat", "--format=%b", file.toString()).trim());
    }
}
