package org.stowage.web.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders below which the API may restore ({@code restore.roots} of etc/org.stowage.web.cfg). A web user must not
 * write over /etc or a home folder by naming it as a restore target, so every target must lie below one of them,
 * judged on the real path: a symbolic link inside a root that points outside it does not open a way out.
 */
final class RestoreRoots {

    private final List<Path> roots;

    RestoreRoots(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** Parses the comma-separated configuration value; relative roots are refused with the key's name. */
    static RestoreRoots parse(String value) {
        List<Path> roots = new ArrayList<>();
        for (String part : value == null ? new String[0] : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Path root = Path.of(part.trim());
            if (!root.isAbsolute()) {
                throw new IllegalArgumentException("restore.roots of org.stowage.web: '" + part.trim()
                        + "' is not an absolute path");
            }
            roots.add(root.normalize());
        }
        return new RestoreRoots(roots);
    }

    List<Path> roots() {
        return roots;
    }

    /**
     * The target as an absolute, normalized path below a root.
     *
     * @throws ApiException 400 for a relative target, 403 for one outside every root (naming them)
     */
    Path check(String target) {
        if (roots.isEmpty()) {
            throw new ApiException(403, "Restoring from the web console is off: no restore.roots are configured. "
                    + "Set restore.roots in etc/org.stowage.web.cfg to the folders it may restore into, or restore "
                    + "with stowage:restore in the Karaf shell");
        }
        Path path = Path.of(target);
        if (!path.isAbsolute()) {
            throw ApiException.badRequest("Restore target '" + target + "' is not an absolute path; use a folder "
                    + "below " + roots);
        }
        path = path.normalize();
        Path real = realPath(path);
        for (Path root : roots) {
            Path realRoot = realPath(root);
            if (real.startsWith(realRoot)) {
                return path;
            }
        }
        throw new ApiException(403, "Restore target '" + target + "' is outside the allowed restore roots " + roots
                + "; choose a folder below one of them (restore.roots in etc/org.stowage.web.cfg)");
    }

    /** The real path of the nearest existing ancestor, with the rest of the path appended. */
    private static Path realPath(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
            throw new ApiException(400, "Restore target '" + path + "' cannot be resolved: " + e.getMessage());
        }
    }
}
