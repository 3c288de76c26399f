package org.stowage.api.device;

/** How a device is written (source design S1's "backup-end parameter"). */
public enum AccessType {
    /** Records are written one after another; nothing is overwritten in place (tape). */
    SEQUENTIAL,
    /** Any blob can be read or written at any time (disk, flash, object stores). */
    RANDOM
}
