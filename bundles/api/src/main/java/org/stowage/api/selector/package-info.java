/**
 * The node selector SPI: which devices receive a pack, best first, with fallbacks for failover. Selectors are OSGi
 * services (whiteboard) found by their {@link org.stowage.api.selector.NodeSelector#PROP_NAME}; the repository
 * configuration and each job name the selector they use. Built-in ones stripe by measured speed, keep N copies on
 * different kinds of device, send to the fastest device by a simple moving average of measured speeds (source design
 * S2) and keep a stream on one sequential device; a third-party bundle adds its own by registering the service.
 *
 * <p>2.0: {@code select} takes a list of candidates that carry recent measured speeds and the operator's weight, and
 * returns fallbacks after the first {@code copies} devices; a request names its stream.
 */
@Export
@Version("2.0.0")
package org.stowage.api.selector;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
