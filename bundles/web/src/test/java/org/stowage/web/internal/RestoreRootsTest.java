package org.stowage.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreRootsTest {

    @TempDir
    Path dir;

    @Test
    void aTargetBelowARootIsAcceptedEvenIfItDoesNotExistYet() throws Exception {
        Path root = Files.createDirectories(dir.resolve("restore"));
        RestoreRoots roots = RestoreRoots.parse(root + ", /nonexistent/other");
        assertEquals(root.resolve("a/b"), roots.check(root + "/a/b"));
        assertEquals(root, roots.check(root.toString()));
    }

    @Test
    void targetsOutsideTheRootsAreRefusedWithTheRootsNamed() throws Exception {
        Path root = Files.createDirectories(dir.resolve("restore"));
        RestoreRoots roots = RestoreRoots.parse(root.toString());
        ApiException outside = assertThrows(ApiException.class, () -> roots.check("/etc"));
        assertEquals(403, outside.status());
        assertTrue(outside.getMessage().contains(root.toString()), outside.getMessage());
        assertEquals(403, assertThrows(ApiException.class, () -> roots.check(root + "/../escape")).status());
        assertEquals(403, assertThrows(ApiException.class, () -> roots.check(root + "-sibling")).status());
        assertEquals(400, assertThrows(ApiException.class, () -> roots.check("relative/x")).status());
    }

    @Test
    void aSymbolicLinkInsideARootDoesNotLeadOutOfIt() throws Exception {
        Path root = Files.createDirectories(dir.resolve("restore"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        RestoreRoots roots = RestoreRoots.parse(root.toString());
        assertEquals(403, assertThrows(ApiException.class, () -> roots.check(root + "/link/x")).status());
    }

    @Test
    void withoutRootsEveryRestoreIsRefusedSayingWhatToConfigure() {
        ApiException e = assertThrows(ApiException.class, () -> RestoreRoots.parse("").check("/srv/x"));
        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("restore.roots"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RestoreRoots.parse("relative"));
    }
}
