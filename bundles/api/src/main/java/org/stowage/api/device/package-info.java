/**
 * The device driver SPI. A {@link org.stowage.api.device.Device} moves opaque, named blobs to and from one
 * storage device (a disk directory, a flash array, a tape library, an S3 bucket) and reports its status. It knows
 * nothing of chunks, packs or snapshots: content arrives encrypted and leaves as it came.
 *
 * <p>A driver registers one {@code Device} OSGi service per configured device, with the service properties
 * {@link org.stowage.api.device.Device#PROP_ID}, {@link org.stowage.api.device.Device#PROP_FAMILY},
 * {@link org.stowage.api.device.Device#PROP_KIND} and {@link org.stowage.api.device.Device#PROP_ACCESS}, so that
 * consumers can pick devices with target filters. Retries, rate limits, metrics and fault injection are decorators
 * that implement the same interface; a driver is done when it passes the conformance suite of the device test kit.
 * Since 1.2, blobs may be of type {@link org.stowage.api.device.BlobType#CHECKPOINT}: a driver keeps them apart
 * like any other type.
 */
@Export
@Version("1.2.0")
package org.stowage.api.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
