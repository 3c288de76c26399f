/**
 * Volumes (source design S4): block devices, disk images or large files backed up in fixed-size blocks with a
 * block-state record per volume, by hash comparison or, while Stowage exports the volume over NBD, by tracking
 * every write (with copy on write during a backup). {@link org.stowage.api.volume.VolumeService} lists volumes,
 * answers block-state queries, exports and unexports them, backs them up and restores them. One ConfigAdmin factory
 * configuration per volume: {@code etc/org.stowage.volume-<name>.cfg}.
 */
@Export
@Version("1.0.0")
package org.stowage.api.volume;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
