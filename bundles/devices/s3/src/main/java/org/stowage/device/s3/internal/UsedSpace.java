package org.stowage.device.s3.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.DeviceFullException;

/**
 * Bytes stored by the device under its prefix, counted by a listing when the device opens and kept up to date by
 * put and delete; and the configured capacity limit. S3 itself has no free-space figure: without a limit the free
 * space is unknown (-1). Thread-safe.
 */
final class UsedSpace {

    private final String deviceId;
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    UsedSpace(String deviceId, long limit) {
        this.deviceId = deviceId;
        this.limit = limit;
    }

    void reset(long bytes) {
        used.set(bytes);
    }

    /** Counts {@code size} bytes for {@code name}, unless that would exceed the limit. */
    void reserve(BlobName name, long size) throws DeviceFullException {
        while (true) {
            long current = used.get();
            if (limit > 0 && current + size > limit) {
                throw new DeviceFullException(deviceId, name, size, Math.max(0, limit - current));
            }
            if (used.compareAndSet(current, current + size)) {
                return;
            }
        }
    }

    void release(long size) {
        used.addAndGet(-size);
    }

    long used() {
        return used.get();
    }

    /** Bytes left under the limit, or -1 when there is no limit (S3 reports no free space). */
    long free() {
        return limit > 0 ? Math.max(0, limit - used.get()) : -1;
    }
}
