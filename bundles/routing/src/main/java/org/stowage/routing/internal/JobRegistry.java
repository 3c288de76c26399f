package org.stowage.routing.internal;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.stowage.api.job.JobInfo;
import org.stowage.api.repository.StowageException;

/** The configured jobs by name, with their bookkeeping. Thread-safe. */
final class JobRegistry {

    private final ConcurrentMap<String, JobState> jobs = new ConcurrentHashMap<>();
    private final Clock clock;

    JobRegistry(Clock clock) {
        this.clock = clock;
    }

    /**
     * Adds a job with fresh bookkeeping.
     *
     * @return the new state, or empty if another configuration already uses the name (the caller reports it)
     */
    Optional<JobState> add(JobDefinition definition) {
        JobState state = new JobState(definition, clock);
        JobState previous = jobs.putIfAbsent(definition.name(), state);
        return previous == null ? Optional.of(state) : Optional.empty();
    }

    /** Removes the job if it is still the one from this definition's configuration; true if removed. */
    boolean remove(JobDefinition definition) {
        JobState state = jobs.get(definition.name());
        return state != null && state.definition().equals(definition) && jobs.remove(definition.name(), state);
    }

    Optional<JobState> find(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /** The job, or an error that names the configured jobs and how to add one. */
    JobState get(String name) {
        return find(name).orElseThrow(() -> new StowageException("No job named '" + name + "'; configured jobs: "
                + jobs.keySet().stream().sorted().toList() + ". Add one with etc/" + JobComponent.PID + "-" + name + ".cfg"));
    }

    List<JobInfo> infos() {
        return jobs.values().stream().map(JobState::info).sorted(Comparator.comparing(JobInfo::name)).toList();
    }
}
