/**
 * The staging service SPI (source design S1). When a device signals busy, blobs meant for it are put into a durable
 * staging space instead of waiting; when it turns idle they are drained to it, and only then released from staging.
 * The engine reaches staging through a device decorator, {@link org.stowage.api.staging.StagingService#staged}, so
 * the placement path is unchanged: a view's put that returns is durable, on the device or in staging. Staged data
 * is recorded with a mapping table (which staged blob belongs to which device), block headers (creation time, size,
 * write offset) and data blocks. A staging service never loses a blob it accepted: a blob leaves staging only after
 * the device confirmed a durable write.
 *
 * <p>2.0.0: the service became a provider type built around the device view ({@code staged(Device)}), drains by
 * device id, pause/resume and a report; the blob-level calls of 1.0 (stage, read, list) are the view's put, get and
 * list now.
 */
@Export
@Version("2.0.0")
package org.stowage.api.staging;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
