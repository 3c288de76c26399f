package org.stowage.routing.internal;

import java.time.Clock;
import java.util.List;

import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.stowage.api.job.JobInfo;
import org.stowage.api.job.JobService;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.RetentionService;
import org.stowage.api.repository.SnapshotInfo;

/**
 * Owns Stowage's CamelContext: starts it when the engine's backup and retention services exist, schedules every
 * {@link JobDefinition} service (whiteboard) and stops everything on deactivation. Immediate, because the
 * schedules must run even when nobody asks for the {@link JobService}.
 */
@Component(service = JobService.class, immediate = true)
public class RoutingComponent implements JobService {

    private final JobScheduler scheduler;

    @Activate
    public RoutingComponent(BundleContext bundleContext, @Reference BackupService backup,
                            @Reference RetentionService retention) throws Exception {
        // Created here, not injected: this component is the CamelContext's only owner.
        scheduler = new JobScheduler(new OsgiDefaultCamelContext(bundleContext), backup, retention,
                Clock.systemDefaultZone());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeJob")
    void addJob(JobDefinition job) {
        scheduler.add(job);
    }

    void removeJob(JobDefinition job) {
        scheduler.remove(job);
    }

    @Deactivate
    void deactivate() {
        scheduler.close();
    }

    @Override
    public List<JobInfo> jobs() {
        return scheduler.jobs();
    }

    @Override
    public SnapshotInfo run(String name) {
        return scheduler.run(name);
    }
}
