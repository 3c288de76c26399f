package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Gives the later names of hard-linked entries their place once every file, special file and symbolic link exists:
 * each is linked to the first restored name of its file under a temporary name and renamed into place, so it is the
 * same inode with the same content and metadata. Only names within the restored set are linked together. A name
 * whose first name was not restored fails, naming it. Not thread-safe: one thread links them all.
 */
final class HardLinker {

    private final RestorePlan plan;

    HardLinker(RestorePlan plan) {
        this.plan = plan;
    }

    /** Links every planned later name; returns how many were linked. */
    long linkAll() {
        long done = 0;
        for (RestorePlan.HardLink link : plan.hardLinks) {
            if (link(link.path(), link.origin())) {
                done++;
            }
        }
        return done;
    }

    private boolean link(Path path, Path origin) {
        if (!plan.originRestored(origin)) {
            plan.fail(path, "not restored: it is a hard link of " + origin + ", which was not restored");
            return false;
        }
        Path temp = path.resolveSibling(RestorePlanner.TEMP_PREFIX + UUID.randomUUID() + ".tmp");
        try {
            Files.createLink(temp, origin);
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            plan.fail(path, "cannot create it as a hard link of " + origin + " (" + e + "); the file system may not"
                    + " support hard links");
            try {
                Files.deleteIfExists(temp);
            } catch (IOException again) {
                plan.fail(temp, "cannot remove temporary link (" + again + "); remove it by hand");
            }
            return false;
        }
    }
}
