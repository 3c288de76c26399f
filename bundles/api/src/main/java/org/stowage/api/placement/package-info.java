/**
 * The placement SPI: how packs leave the engine for the devices. {@link org.stowage.api.placement.PackPlacement} is
 * the seam (stowage-routing implements it with Camel routes; without it the engine writes directly), and
 * {@link org.stowage.api.placement.DeviceSpeeds} keeps the measured speeds that selectors weigh.
 */
@Export
@Version("1.0.0")
package org.stowage.api.placement;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
