/**
 * The staging service SPI (source design S1). When a device signals busy, blobs meant for it are put into a durable
 * staging space instead of waiting; when it turns idle they are drained to it, and only then released from staging.
 * Staged data is recorded with a mapping table (which staged blob belongs to which device), block headers (creation
 * time, size, write offset) and data blocks. A staging service never loses a blob it accepted: a blob leaves staging
 * only after the device confirmed a durable write.
 */
@Export
@Version("1.0.0")
package org.stowage.api.staging;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
