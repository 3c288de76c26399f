package org.stowage.engine.internal.volume;

/**
 * The state of one block of a volume (source design S4). A committed record holds only {@link #CLEAN} and
 * {@link #BACKED_UP}; {@link #DIRTY} and {@link #COPIED_ON_WRITE} are what the tracking of an exported volume adds on
 * this host until the next backup takes them.
 */
public enum BlockState {
    /** Backed up by an earlier snapshot and not written since. */
    CLEAN,
    /** Written since the last backup (or not vouched for after a crash): the next incremental reads it. */
    DIRTY,
    /** Overwritten while a backup ran: its old contents were copied first, and the backup takes that copy. */
    COPIED_ON_WRITE,
    /** Stored by the latest snapshot. */
    BACKED_UP
}
