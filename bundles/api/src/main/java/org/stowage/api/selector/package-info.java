/**
 * The node selector SPI: which device(s) receive a blob. Selectors are OSGi services tracked by the router
 * (whiteboard); a job names the selector it uses by its {@link org.stowage.api.selector.NodeSelector#PROP_NAME}.
 * Examples: striping by measured speed, N copies, the fastest node by a moving average of probe speeds (source
 * design S2), sequential affinity for tape.
 */
@Export
@Version("1.0.0")
package org.stowage.api.selector;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
