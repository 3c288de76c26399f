package org.stowage.web.internal;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.stowage.api.device.Device;
import org.stowage.api.job.JobService;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.CheckService;
import org.stowage.api.repository.RepositoryService;
import org.stowage.api.repository.RestoreService;
import org.stowage.api.repository.RetentionService;
import org.stowage.api.repository.SnapshotService;

/**
 * The Stowage services the API calls, each optional and dynamic: the console stays up while the engine or the
 * routing restarts, and a call that needs a missing service answers 503 naming it. Thread-safe (volatile fields that
 * SCR replaces).
 */
@Component(service = StowageServices.class)
public class StowageServices {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile RepositoryService repository;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SnapshotService snapshots;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BackupService backup;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile RestoreService restore;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CheckService check;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile RetentionService retention;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile JobService jobs;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<Device> devices;

    RepositoryService repository() {
        return require(repository, RepositoryService.class);
    }

    SnapshotService snapshots() {
        return require(snapshots, SnapshotService.class);
    }

    BackupService backup() {
        return require(backup, BackupService.class);
    }

    RestoreService restore() {
        return require(restore, RestoreService.class);
    }

    CheckService check() {
        return require(check, CheckService.class);
    }

    RetentionService retention() {
        return require(retention, RetentionService.class);
    }

    JobService jobs() {
        return require(jobs, JobService.class);
    }

    List<Device> devices() {
        List<Device> all = devices;
        return all == null ? List.of() : all;
    }

    Optional<Device> findDevice(String id) {
        return devices().stream().filter(d -> d.descriptor().id().equals(id)).findFirst();
    }

    /** The device with {@code id}, or 404 naming the known ids. */
    Device device(String id) {
        return findDevice(id).orElseThrow(() -> ApiException.notFound("No device '" + id + "'; known devices: "
                + devices().stream().map(d -> d.descriptor().id()).sorted().collect(Collectors.joining(", "))));
    }

    private static <T> T require(T service, Class<T> type) {
        if (service == null) {
            throw ApiException.unavailable(type.getSimpleName());
        }
        return service;
    }
}
