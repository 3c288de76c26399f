package org.stowage.engine.internal.archiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.RestoreResult;
import org.stowage.engine.internal.posix.FileSystemExtras;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.restorer.Restorer;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.testing.MemoryRepository;
import org.stowage.engine.internal.testing.Tools;

/**
 * Full file fidelity on real files: a tree with every kind of entry (hard links across folders, a FIFO, a device
 * node when run as root, extended attributes, access and default ACLs, a 1 GiB sparse file, set-user-id, set-group-id
 * and sticky bits, symbolic links, an empty folder, names with spaces, newlines and bytes that are not UTF-8) comes
 * back so that {@code rsync -aHAXn --itemize-changes --numeric-ids} sees no difference, and the sparse file takes
 * about the blocks it took. Needs rsync, acl and attr (.ci/run installs them); fails, never skips, without them.
 */
class FidelityTest {

    private static final long GIB = 1L << 30;

    @TempDir
    Path sources;
    @TempDir
    Path restored;

    Path src;
    final Repository repository = new MemoryRepository();
    final BackupRestoreContract.Warnings warnings = new BackupRestoreContract.Warnings();

    @BeforeEach
    void tools() {
        Tools.require("rsync", "setfacl", "setfattr", "mkfifo", "mknod", "stat", "bash");
    }

    @Test
    void everyKindOfEntryComesBackAsRsyncSeesIt() throws Exception {
        src = Files.createDirectories(sources.resolve("src"));
        build(src);
        RestoreResult result = backupAndRestore();
        assertEquals(List.of(), result.failures());
        Path copy = restored.resolve(src.toString().substring(1));
        String diff = Tools.run("rsync", "-aHAXn", "--itemize-changes", "--numeric-ids", src + "/", copy + "/");
        assertEquals("", diff, "rsync sees differences between the source and the restore");
        long sourceBlocks = blocks(src.resolve("sparse.img"));
        long restoredBlocks = blocks(copy.resolve("sparse.img"));
        assertTrue(restoredBlocks <= sourceBlocks + 16, "the sparse file takes " + restoredBlocks
                + " blocks of 512 bytes after restore, " + sourceBlocks + " in the source");
        assertTrue(warnings.items().isEmpty(), "warnings: " + warnings.items());
        assertEquals(Files.getAttribute(copy.resolve("a/linked"), "unix:ino"),
                Files.getAttribute(copy.resolve("b/deeper/same"), "unix:ino"), "hard links share their inode");
        assertEquals(3, Files.getAttribute(copy.resolve("third name"), "unix:nlink"));
        // the comparison is not vacuous: rsync does report a lost attribute and a lost ACL entry
        Tools.run("setfattr", "-x", "user.note", copy.resolve("noted").toString());
        Tools.run("setfacl", "-x", "u:nobody", copy.resolve("shared").toString());
        String changed = Tools.run("rsync", "-aHAXn", "--itemize-changes", "--numeric-ids", src + "/", copy + "/");
        assertTrue(changed.contains("noted") && changed.contains("shared"), "rsync output: " + changed);
    }

    @Test
    void aSocketIsSkippedWithAWarningNotAFailure() throws Exception {
        src = Files.createDirectories(sources.resolve("src"));
        Files.writeString(src.resolve("file"), "x");
        Path socket = src.resolve("listening.sock");
        try (var channel = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.bind(java.net.UnixDomainSocketAddress.of(socket));
            RestoreResult result = backupAndRestore();
            assertEquals(List.of(), result.failures());
        }
        Path copy = restored.resolve(src.toString().substring(1));
        assertTrue(Files.exists(copy.resolve("file")));
        assertTrue(warnings.message(copy.resolve("listening.sock").toString()).startsWith("socket not restored"),
                "warnings: " + warnings.items());
    }

    @Test
    void withoutTheNativeCallsEachItemIsWarnedAboutAndTheRestoreGoesOn() throws Exception {
        src = Files.createDirectories(sources.resolve("src"));
        Files.writeString(src.resolve("noted"), "x");
        Tools.run("setfattr", "-n", "user.note", "-v", "hello", src.resolve("noted").toString());
        Tools.run("mkfifo", src.resolve("fifo").toString());
        SnapshotRecord snapshot = new Archiver(repository, SourceOpener.FILES, 2)
                .backup(List.of(src), "host", Set.of(), null, warnings);
        FileSystemExtras none = FileSystemExtras.unavailable("not on this test platform");
        RestoreResult result = new Restorer(repository, 2, true, none)
                .restore(snapshot.snapshot(), restored, List.of(), warnings);
        assertEquals(List.of(), result.failures());
        Path copy = restored.resolve(src.toString().substring(1));
        assertEquals("x", Files.readString(copy.resolve("noted")));
        assertEquals("extended attribute user.note not restored: not on this test platform",
                warnings.message(copy.resolve("noted").toString()));
        assertEquals("FIFO not restored: not on this test platform", warnings.message(copy.resolve("fifo").toString()));
    }

    private RestoreResult backupAndRestore() {
        SnapshotRecord snapshot = new Archiver(repository, SourceOpener.FILES, 2)
                .backup(List.of(src), "host", Set.of(), null, warnings);
        assertEquals(0, snapshot.snapshot().stats().errors(), "warnings: " + warnings.items());
        return new Restorer(repository).restore(snapshot.snapshot(), restored, List.of(), warnings);
    }

    /** Every kind of entry, made with the system's own tools where the JDK has none. */
    private static void build(Path src) throws Exception {
        Path a = Files.createDirectories(src.resolve("a"));
        Path b = Files.createDirectories(src.resolve("b/deeper"));
        Files.writeString(a.resolve("linked"), "one file, three names\n");
        Files.createLink(b.resolve("same"), a.resolve("linked"));
        Files.createLink(src.resolve("third name"), a.resolve("linked"));
        Files.writeString(a.resolve("pair"), "two names");
        Files.createLink(b.resolve("pair again"), a.resolve("pair"));
        Tools.run("mkfifo", "-m", "0640", src.resolve("fifo").toString());
        if (Tools.root()) {
            Tools.run("mknod", "-m", "0666", src.resolve("null-device").toString(), "c", "1", "3");
            Tools.run("mknod", "-m", "0660", src.resolve("block-device").toString(), "b", "7", "200");
        }
        Path noted = src.resolve("noted");
        Files.writeString(noted, "with attributes");
        Tools.run("setfattr", "-n", "user.note", "-v", "hello", noted.toString());
        Tools.run("setfattr", "-n", "user.binary", "-v", "0x00ff10", noted.toString());
        if (Tools.root()) {
            Tools.run("setfattr", "-n", "trusted.origin", "-v", "backup-test", noted.toString());
        }
        Tools.run("setfacl", "-m", "u:nobody:r,g:daemon:rw", noted.toString());
        Path shared = Files.createDirectories(src.resolve("shared"));
        Tools.run("setfacl", "-m", "u:nobody:rx", shared.toString());
        Tools.run("setfacl", "-d", "-m", "u:nobody:rwx,g::rx", shared.toString());
        Files.writeString(shared.resolve("inherits"), "created under a default ACL");
        try (RandomAccessFile sparse = new RandomAccessFile(src.resolve("sparse.img").toFile(), "rw")) {
            sparse.setLength(GIB);
            for (long at : new long[]{0, 4096 * 10, GIB / 2 + 123, GIB - 8192}) {
                sparse.seek(at);
                sparse.write("a few written blocks".getBytes(StandardCharsets.UTF_8));
            }
        }
        Path setuid = src.resolve("setuid-tool");
        Files.writeString(setuid, "#!/bin/sh\n");
        Files.setAttribute(setuid, "unix:mode", 04755);
        Files.setAttribute(Files.createDirectories(src.resolve("setgid dir")), "unix:mode", 02775);
        Files.setAttribute(Files.createDirectories(src.resolve("sticky")), "unix:mode", 01777);
        Files.createSymbolicLink(src.resolve("relative link"), Path.of("a/linked"));
        Files.createSymbolicLink(src.resolve("absolute-link"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(src.resolve("dangling"), Path.of("nowhere/at all"));
        Files.createDirectories(src.resolve("empty"));
        Files.writeString(src.resolve("name with  spaces "), "spaces");
        Files.writeString(src.resolve("line\nbreak"), "newline");
        // names whose bytes are not UTF-8 (two that decode to the same string), a folder among them
        Tools.run("bash", "-c", "cd \"$1\" && printf bad > $'latin1-\\xe9t\\xe9' && printf worse > $'latin1-\\xe8t\\xe8'"
                + " && mkdir $'dir-\\xff' && printf inner > $'dir-\\xff/inner\\xfe'", "bash", src.toString());
    }

    private static long blocks(Path file) throws Exception {
        return Long.parseLong(Tools.run("stat", "--format=%b", file.toString()).trim());
    }
}
