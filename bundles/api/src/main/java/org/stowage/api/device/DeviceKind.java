package org.stowage.api.device;

/** The kind of medium behind a device (source design S1: devices of different kinds). */
public enum DeviceKind {
    /** Spinning disk or any directory on a file system. */
    DISK,
    /** Flash storage: random access with several writes in flight. */
    FLASH,
    /** Magnetic tape: append-only, positioned by locate and rewind. */
    TAPE,
    /** An object store such as S3. */
    OBJECT
}
