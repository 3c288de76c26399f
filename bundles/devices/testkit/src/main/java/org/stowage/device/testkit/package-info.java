/**
 * The device test kit for driver authors: the conformance suite every driver must pass, an in-memory device and a
 * fault-injecting decorator for failure tests and benchmarks. Depends on the api bundle and JUnit 5 only.
 */
@Export
@Version("1.0.0")
package org.stowage.device.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
