package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a folder lies on another file system than its parent, for {@code --one-file-system}. The walk never
 * enters a folder on another file system, so comparing with the parent is comparing with the backed-up path's
 * own file system. Stateless.
 */
final class FileSystemBoundary {

    private FileSystemBoundary() {
    }

    /**
     * Compares the device ids the metadata holds; where the platform gives none (0), compares the file stores, which
     * costs a look at the mount table.
     *
     * @throws IOException if the file stores cannot be told
     */
    static boolean crossed(SourceMeta parent, SourceMeta folder, Path folderPath) throws IOException {
        if (parent.device() != 0 && folder.device() != 0) {
            return parent.device() != folder.device();
        }
        return !Files.getFileStore(folderPath).equals(Files.getFileStore(folderPath.getParent()));
    }
}
