package org.stowage.web.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stowage.api.repository.ForgetResult;
import org.stowage.api.repository.RepositoryInfo;
import org.stowage.api.repository.RetentionPolicy;
import org.stowage.api.repository.SnapshotInfo;

/**
 * The repository: its state, check (start, last report), forget and prune. A dry run of forget or prune is an
 * operator's preview; applying them deletes backups and needs an admin.
 */
final class MaintenanceEndpoints {

    private final StowageServices services;
    private final Tasks tasks;

    MaintenanceEndpoints(StowageServices services, Tasks tasks) {
        this.services = services;
        this.tasks = tasks;
    }

    void register(Router router) {
        router.add("GET", "/repository", Role.VIEWER, c -> repository())
                .add("GET", "/repository/stats", Role.VIEWER, c -> services.snapshots().stats(List.of()))
                .add("GET", "/repository/history", Role.VIEWER, c -> history())
                .add("POST", "/check", Role.OPERATOR, this::check)
                // {"last": null} before the first check: the console asks on every visit, that is no error
                .add("GET", "/check", Role.VIEWER, c -> Collections.singletonMap("last",
                        tasks.lastFinished("check").orElse(null)))
                .add("POST", "/forget", Role.OPERATOR, this::forget)
                .add("POST", "/prune", Role.OPERATOR, this::prune);
    }

    private Object repository() {
        RepositoryInfo info = services.repository().info();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", info.id());
        view.put("devices", info.deviceId());
        view.put("state", info.state());
        view.put("reason", info.reason());
        view.put("warnings", info.warnings());
        view.put("bytesByDevice", services.repository().bytesByDevice());
        if (info.state() == RepositoryInfo.State.READY) {
            var snapshots = services.snapshots().snapshots();
            view.put("snapshots", snapshots.size());
            view.put("latest", snapshots.isEmpty() ? null : snapshots.get(snapshots.size() - 1).time());
        }
        return view;
    }

    /**
     * Per snapshot, oldest first, as columns (compact for 1,000 snapshots: the dashboard's charts): time (epoch
     * seconds), bytes processed, and the new plaintext and stored bytes it added.
     */
    private Object history() {
        var snapshots = services.snapshots().snapshots();
        int n = snapshots.size();
        long[] time = new long[n];
        long[] processed = new long[n];
        long[] added = new long[n];
        long[] stored = new long[n];
        for (int i = 0; i < n; i++) {
            SnapshotInfo s = snapshots.get(i);
            time[i] = s.time().getEpochSecond();
            if (s.stats() != null) {
                processed[i] = s.stats().bytesProcessed();
                added[i] = s.stats().bytesAdded();
                stored[i] = s.stats().bytesStored();
            }
        }
        return Map.of("time", time, "processed", processed, "added", added, "stored", stored);
    }

    private Object check(Call call) {
        boolean readData = call.bool("readData", false);
        String device = call.text("device", null);
        if (device != null) {
            services.device(device);
        }
        Task task = tasks.start("check", "Check" + (readData ? " with read-data" : "")
                + (device == null ? "" : " of device " + device), call.user,
                listener -> services.check().check(readData, device, listener));
        return Tasks.accepted(task);
    }

    /** Synchronous: forget only removes snapshot manifests. With prune (and not a dry run), a prune task follows. */
    private Object forget(Call call) {
        String text = call.requiredText("policy", "last=7,daily=14");
        RetentionPolicy policy;
        try {
            policy = RetentionPolicy.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Field 'policy': " + e.getMessage());
        }
        boolean dryRun = call.bool("dryRun", true);
        boolean prune = call.bool("prune", false);
        if (!dryRun) {
            call.require(Role.ADMIN, "forgetting snapshots (dryRun false)");
        }
        ForgetResult result = services.retention().forget(policy, Set.copyOf(call.list("tags")), dryRun);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("dryRun", result.dryRun());
        view.put("policy", policy.toString());
        view.put("kept", result.kept().stream().map(SnapshotInfo::id).toList());
        view.put("removed", result.removed());
        if (prune && !dryRun) {
            view.put("prune", pruneTask(call, false).view());
        }
        return view;
    }

    private Object prune(Call call) {
        boolean dryRun = call.bool("dryRun", true);
        if (!dryRun) {
            call.require(Role.ADMIN, "pruning (dryRun false)");
        }
        return Tasks.accepted(pruneTask(call, dryRun));
    }

    private Task pruneTask(Call call, boolean dryRun) {
        return tasks.start("prune", dryRun ? "Prune preview" : "Prune", call.user,
                listener -> services.retention().prune(dryRun, listener));
    }
}
