/**
 * Scheduled backup jobs: one ConfigAdmin factory configuration per job ({@code etc/org.stowage.job-<name>.cfg}),
 * run by the routing bundle's Quartz routes. {@link org.stowage.api.job.JobService} lists them and runs one on
 * demand.
 */
@Export
@Version("1.1.0")
package org.stowage.api.job;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
