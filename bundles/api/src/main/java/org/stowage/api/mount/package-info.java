/**
 * Read-only file-system views of the repository: {@link org.stowage.api.mount.MountService} mounts the snapshots at
 * a folder through FUSE, laid out as {@code restic mount} does ({@code ids/}, {@code snapshots/}, {@code hosts/},
 * {@code tags/}), so that any program can list, read and compare backed-up files without restoring them. Nothing
 * written through a mount reaches the repository: a mount refuses every change.
 */
@Export
@Version("1.0.0")
package org.stowage.api.mount;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
