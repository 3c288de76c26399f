package org.stowage.api.volume;

/**
 * The state of one block of a volume. A committed snapshot's record holds only {@link #CLEAN} and
 * {@link #BACKED_UP}; {@link #DIRTY} and {@link #COPIED_ON_WRITE} come from the tracking of an exported volume.
 */
public enum BlockState {
    /** Backed up by an earlier snapshot and not written since. */
    CLEAN,
    /** Written since the last backup, or not vouched for by the tracking: the next backup reads it. */
    DIRTY,
    /** Overwritten while a backup runs: its old contents were copied first, and the backup takes the copy. */
    COPIED_ON_WRITE,
    /** Stored by the latest snapshot of the volume. */
    BACKED_UP
}
