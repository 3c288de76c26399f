package org.stowage.routing.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance per job configuration ({@code etc/org.stowage.job-<name>.cfg}): validates it and publishes it as a
 * {@link JobDefinition} service, which {@link RoutingComponent} schedules. A changed configuration re-creates the
 * instance (no modified method), so the job's route is replaced as a whole.
 */
@Component(configurationPid = JobComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = JobConfig.class, factory = true)
public class JobComponent {

    static final String PID = "org.stowage.job";
    /** Service property of a {@link JobDefinition}: the job name. */
    static final String PROP_JOB_NAME = "job.name";

    private static final Logger LOG = LoggerFactory.getLogger(JobComponent.class);

    private final ServiceRegistration<JobDefinition> registration;

    @Activate
    public JobComponent(BundleContext bundleContext, JobConfig config, Map<String, Object> properties) {
        String pid = where(properties);
        // Throws with PID and key on a bad configuration; SCR logs it and the job stays absent.
        JobDefinition job = JobDefinition.fromConfig(pid, config);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(PROP_JOB_NAME, job.name());
        registration = bundleContext.registerService(JobDefinition.class, job, props);
        LOG.info("Job '{}' configured from {}: paths {}, schedule '{}'{}", job.name(), pid, job.paths(),
                job.schedule(), job.enabled() ? "" : " (disabled)");
    }

    /** The PID, and the file it came from when Felix FileInstall read it from etc/, for operators' messages. */
    static String where(Map<String, Object> properties) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", PID));
        Object file = properties.get("felix.fileinstall.filename");
        return file == null ? pid : pid + " (" + file + ")";
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
