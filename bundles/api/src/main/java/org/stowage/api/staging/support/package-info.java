/**
 * For the consumers of device services that write to devices (the engine's repository, the Camel placement routes):
 * {@link org.stowage.api.staging.support.StagingViews} keeps their device sets behind the
 * {@link org.stowage.api.staging.StagingService}'s staged views while a staging service is registered, and swaps
 * views and devices as the service comes and goes, so that every writer stages alike.
 */
@Export
@Version("1.0.0")
package org.stowage.api.staging.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
