/**
 * The service facades of a Stowage repository, used by the shell, the Camel routes and later the web console:
 * back up ({@link org.stowage.api.repository.BackupService}), restore
 * ({@link org.stowage.api.repository.RestoreService}), browse snapshots
 * ({@link org.stowage.api.repository.SnapshotService}), verify ({@link org.stowage.api.repository.CheckService}),
 * apply retention ({@link org.stowage.api.repository.RetentionService}), see or remove leftover locks
 * ({@link org.stowage.api.repository.LockService}, since 1.1) and manage the keys that open the repository
 * ({@link org.stowage.api.repository.KeyService}, since 1.2). Since 1.3, {@code RepositoryService.init()} reports
 * the password file and what to fix about it ({@link org.stowage.api.repository.RepositoryInfo}). Since 1.4, a check
 * can read the copies of one device only, the repository says how its packs are spread over its devices, a
 * backup may narrow the devices and choose the selector and copies for its own packs
 * ({@link org.stowage.api.repository.PlacementOverride}), and snapshots can be copied or moved between devices
 * ({@link org.stowage.api.repository.CopyService}). Since 1.5, a backup may leave entries out and read more paths
 * from a file ({@link org.stowage.api.repository.BackupSelection}), and a dry run lists what it would store
 * ({@link org.stowage.api.repository.BackupService#dryRun}). Since 1.6, snapshots can be compared, searched, dumped,
 * counted and re-tagged ({@link org.stowage.api.repository.SnapshotService#diff}, {@code find}, {@code dump},
 * {@code stats}, {@code tag}), and a restore may exclude patterns, keep or skip what the target already has, and read
 * back what it wrote ({@link org.stowage.api.repository.RestoreRequest}); new record components come with
 * constructors of the old shape, so code compiled against 1.5 keeps working. Since 1.7, a stream of bytes is backed
 * up as one named file of a snapshot ({@link org.stowage.api.repository.StreamBackupRequest}), like restic's
 * {@code --stdin}, and a backup may name several replicas of its source
 * ({@link org.stowage.api.repository.BackupRequest#replicas()}): it reads from one and, when that one fails, goes on
 * from the next where the first stopped, reporting each {@link org.stowage.api.repository.ReplicaSwitch}.
 *
 * <p>Facade methods are thread-safe and block until the operation is done; long operations report to a
 * {@link org.stowage.api.repository.ProgressListener}. They fail with a {@link org.stowage.api.repository.StowageException}
 * (unchecked) whose message names what failed, where, and what to do. Snapshot ids may be given as unique prefixes
 * or as {@code latest}.
 */
@Export
@Version("1.7.0")
package org.stowage.api.repository;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
