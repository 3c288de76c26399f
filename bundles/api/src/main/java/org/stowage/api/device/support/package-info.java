/**
 * Building blocks every device driver needs and no driver should write again: a {@link
 * org.stowage.api.device.support.TrafficMeter} that turns real transfers into the traffic figure of
 * {@link org.stowage.api.device.DeviceStatus}, and a {@link org.stowage.api.device.support.DeviceLoad} that decides
 * busy from operations in flight, configured daily busy windows ({@link org.stowage.api.device.support.BusyWindows}),
 * an operator's busy period ({@link org.stowage.api.device.BusyControl}) and throughput that collapses under
 * contention ({@link org.stowage.api.device.support.ThroughputCollapse}). All are thread-safe and take a clock,
 * so drivers test them without waiting. A driver's DS component extends {@link
 * org.stowage.api.device.support.ForwardingDevice} and validates its configuration with {@link
 * org.stowage.api.device.support.ConfigKeys} (byte sizes such as {@code 500m}: {@link
 * org.stowage.api.device.support.ByteSizes}), so that every family reports the same messages. Data written once
 * and not read again soon bypasses the page cache through {@link org.stowage.api.device.support.DirectIo}.
 */
@Export
@Version("1.3.0")
package org.stowage.api.device.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
