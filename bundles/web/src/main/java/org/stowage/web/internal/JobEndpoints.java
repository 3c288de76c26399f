package org.stowage.web.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stowage.api.job.JobInfo;
import org.stowage.api.repository.SnapshotInfo;

/**
 * Jobs: list, one with its history (its snapshots, tag job:NAME, with their stats), create/edit/delete (admin) as
 * ConfigAdmin configurations, run now (operator) as a task.
 */
final class JobEndpoints {

    private final StowageServices services;
    private final JobConfigs configs;
    private final Tasks tasks;

    JobEndpoints(StowageServices services, JobConfigs configs, Tasks tasks) {
        this.services = services;
        this.configs = configs;
        this.tasks = tasks;
    }

    void register(Router router) {
        router.add("GET", "/jobs", Role.VIEWER, this::list)
                .add("GET", "/jobs/{name}", Role.VIEWER, this::one)
                .add("PUT", "/jobs/{name}", Role.ADMIN, this::save)
                .add("DELETE", "/jobs/{name}", Role.ADMIN, this::delete)
                .add("POST", "/jobs/{name}/run", Role.OPERATOR, this::run);
    }

    /** Each job the routing knows, with its configuration; configured jobs the routing refused show with state. */
    private Object list(Call call) throws Exception {
        Map<String, Map<String, Object>> configured = configs.all();
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (JobInfo info : services.jobs().jobs()) {
            jobs.add(job(info, configured.remove(info.name())));
        }
        for (Map.Entry<String, Map<String, Object>> rest : configured.entrySet()) {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("name", rest.getKey());
            job.put("lastResult", "not active: the routing bundle refused or has not yet read this configuration "
                    + "(see karaf.log)");
            job.put("config", rest.getValue());
            jobs.add(job);
        }
        jobs.sort(Comparator.comparing(j -> String.valueOf(j.get("name"))));
        return jobs;
    }

    private Object one(Call call) throws Exception {
        String name = call.param("name");
        JobInfo info = services.jobs().jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElse(null);
        Map<String, Object> config = configs.get(name).orElse(null);
        if (info == null && config == null) {
            throw ApiException.notFound("No job named '" + name + "'; list them with GET /stowage/api/jobs");
        }
        Map<String, Object> job = info == null ? new LinkedHashMap<>(Map.of("name", name)) : job(info, config);
        if (info == null) {
            job.put("config", config);
        }
        String tag = "job:" + name;
        job.put("history", services.snapshots().snapshots().stream().filter(s -> s.tags().contains(tag))
                .sorted(Comparator.comparing(SnapshotInfo::time).reversed()).limit(100).toList());
        return job;
    }

    private Object save(Call call) throws Exception {
        String name = call.param("name");
        boolean created = configs.save(name, call.body());
        Map<String, Object> job = new LinkedHashMap<>(Map.of("name", name, "created", created));
        job.put("config", configs.get(name).orElse(Map.of()));
        return created ? Reply.created(job) : job;
    }

    private Object delete(Call call) throws Exception {
        String name = call.param("name");
        JobConfigs.checkName(name);
        if (!configs.delete(name)) {
            throw ApiException.notFound("No job configuration named '" + name + "'");
        }
        return Map.of("name", name, "deleted", true);
    }

    private Object run(Call call) {
        String name = call.param("name");
        if (services.jobs().jobs().stream().noneMatch(j -> j.name().equals(name))) {
            throw ApiException.notFound("No job named '" + name + "' is active; list them with GET "
                    + "/stowage/api/jobs");
        }
        Task task = tasks.start("job", "Job " + name, call.user, listener -> services.jobs().run(name, listener));
        return Tasks.accepted(task);
    }

    private static Map<String, Object> job(JobInfo info, Map<String, Object> config) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("name", info.name());
        job.put("paths", info.paths());
        job.put("schedule", info.schedule());
        job.put("retention", info.retention());
        job.put("lastRun", info.lastRun());
        job.put("lastResult", info.lastResult());
        job.put("runs", info.runs());
        job.put("config", config);
        return job;
    }
}
