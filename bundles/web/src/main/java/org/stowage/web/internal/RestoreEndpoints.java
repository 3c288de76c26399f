package org.stowage.web.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.StowageException;

/** Data in and out: a backup of paths, a restore below an allowed root, the download of a file or folder (tar). */
final class RestoreEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreEndpoints.class);

    private final StowageServices services;
    private final Tasks tasks;
    private final RestoreRoots roots;

    RestoreEndpoints(StowageServices services, Tasks tasks, RestoreRoots roots) {
        this.services = services;
        this.tasks = tasks;
        this.roots = roots;
    }

    void register(Router router) {
        router.add("POST", "/backups", Role.OPERATOR, this::backup)
                .add("POST", "/snapshots/{id}/restore", Role.OPERATOR, this::restore)
                // the bytes of a backup (a copy of /etc/shadow, say) are a restore by other means: operator
                .add("GET", "/snapshots/{id}/download", Role.OPERATOR, this::download)
                .add("GET", "/restore-roots", Role.VIEWER, c -> roots.roots().stream().map(Path::toString).toList());
    }

    private Object backup(Call call) {
        List<String> paths = call.list("paths");
        if (paths.isEmpty()) {
            throw ApiException.badRequest("Field 'paths' is missing: list the absolute paths to back up, e.g. "
                    + "{\"paths\": [\"/srv/data\"]}");
        }
        List<Path> sources = paths.stream().map(p -> existingAbsolute(p)).toList();
        BackupRequest request = new BackupRequest(sources, null, Set.copyOf(call.list("tags")), null);
        Task task = tasks.start("backup", "Backup of " + paths, call.user,
                listener -> services.backup().backup(request, listener));
        return Tasks.accepted(task);
    }

    private Object restore(Call call) {
        // the body first (400, 403), then the snapshot (404), all before a task starts
        Path target = roots.check(call.requiredText("target", roots.roots().isEmpty() ? "/srv/restore"
                : roots.roots().get(0) + "/restore"));
        RestoreRequest.Overwrite overwrite = overwrite(call.text("overwrite", "always"));
        boolean verify = call.bool("verify", false);
        String snapshot = services.snapshots().snapshot(call.param("id")).id();
        RestoreRequest request = new RestoreRequest(snapshot, target, call.list("include"), call.list("exclude"),
                overwrite, verify);
        Task task = tasks.start("restore", "Restore of " + snapshot.substring(0, 8)
                + (request.includes().isEmpty() ? "" : " " + request.includes()) + " into " + target, call.user,
                listener -> {
                    var result = services.restore().restore(request, listener);
                    if (!result.isComplete()) {
                        throw new StowageException("Restore into " + target + " is INCOMPLETE: "
                                + result.failures().size() + " items were not restored, first: "
                                + result.failures().get(0) + "; fix the cause and restore them again");
                    }
                    return result;
                });
        return Tasks.accepted(task);
    }

    /** Streams a file's bytes, or a folder as a tar; the client sees a cut connection if a blob fails midway. */
    private Object download(Call call) throws IOException {
        String snapshot = call.param("id");
        String path = call.requiredQuery("path", "/etc/hosts");
        NodeInfo node = entry(snapshot, path);
        if (node.type() != NodeInfo.Type.FILE && node.type() != NodeInfo.Type.DIR) {
            throw ApiException.badRequest("'" + path + "' is a " + node.type().name().toLowerCase(Locale.ROOT)
                    + ": only files and folders can be downloaded");
        }
        String name = path.equals("/") ? "snapshot" : path.substring(path.lastIndexOf('/') + 1);
        boolean folder = node.type() == NodeInfo.Type.DIR;
        call.response.setContentType(folder ? "application/x-tar" : "application/octet-stream");
        if (!folder) {
            call.response.setContentLengthLong(node.size());
        }
        call.response.setHeader("Content-Disposition", "attachment; filename=\""
                + name.replaceAll("[^A-Za-z0-9._-]", "_") + (folder ? ".tar" : "") + "\"");
        call.response.setHeader("X-Content-Type-Options", "nosniff");
        OutputStream out = call.response.getOutputStream();
        try {
            services.snapshots().dump(snapshot, path, out);
        } catch (StowageException e) {
            if (!call.response.isCommitted()) {
                call.response.reset();
                throw e;
            }
            LOG.error("Download of {} from snapshot {} by '{}' failed after the response started: {}", path,
                    snapshot, call.user.name(), e.getMessage());
            throw new IOException("download cut short: " + e.getMessage(), e);
        }
        return null;
    }

    /** The snapshot's entry at {@code path}, or 404 naming it. */
    private NodeInfo entry(String snapshot, String path) {
        if (path.equals("/") || path.isEmpty()) {
            return new NodeInfo("/", NodeInfo.Type.DIR, 0, 0755, null, null);
        }
        String normalized = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String parent = normalized.substring(0, Math.max(1, normalized.lastIndexOf('/')));
        return services.snapshots().list(snapshot, parent, false).stream()
                .filter(n -> n.path().equals(normalized)).findFirst()
                .orElseThrow(() -> ApiException.notFound("'" + path + "' is not in snapshot " + snapshot
                        + "; browse it with GET /stowage/api/snapshots/" + snapshot + "/tree?path=" + parent));
    }

    private static Path existingAbsolute(String text) {
        Path path = Path.of(text);
        if (!path.isAbsolute() || !Files.exists(path)) {
            throw ApiException.badRequest("Backup path '" + text + "' " + (path.isAbsolute() ? "does not exist"
                    : "is not absolute") + " on the Stowage host");
        }
        return path;
    }

    static RestoreRequest.Overwrite overwrite(String text) {
        return switch (text) {
            case "always" -> RestoreRequest.Overwrite.ALWAYS;
            case "if-changed" -> RestoreRequest.Overwrite.IF_CHANGED;
            case "never" -> RestoreRequest.Overwrite.NEVER;
            default -> throw ApiException.badRequest("overwrite '" + text + "' is not known: use always, "
                    + "if-changed or never");
        };
    }
}
