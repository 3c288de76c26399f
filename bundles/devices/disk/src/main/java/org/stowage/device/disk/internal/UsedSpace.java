package org.stowage.device.disk.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.DeviceFullException;

/**
 * Bytes used by blobs, against the configured capacity (0 = no limit). A put reserves its size before it writes,
 * so concurrent puts cannot together overshoot the limit; a put that does not store releases it. Thread-safe.
 */
final class UsedSpace {

    private final String deviceId;
    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    UsedSpace(String deviceId, long capacity) {
        this.deviceId = deviceId;
        this.capacity = capacity;
    }

    /** Sets the used bytes found by the start-up scan. */
    void reset(long usedBytes) {
        used.set(usedBytes);
    }

    long used() {
        return used.get();
    }

    long capacity() {
        return capacity;
    }

    /** Bytes left under the capacity limit, or {@code Long.MAX_VALUE} without a limit. */
    long leftUnderLimit() {
        return capacity == 0 ? Long.MAX_VALUE : Math.max(0, capacity - used.get());
    }

    /**
     * Reserves {@code size} bytes for {@code name}.
     *
     * @throws DeviceFullException if that would exceed the capacity limit
     */
    void reserve(BlobName name, long size) throws DeviceFullException {
        while (true) {
            long now = used.get();
            if (capacity > 0 && now + size > capacity) {
                throw new DeviceFullException(deviceId, name, size, Math.max(0, capacity - now));
            }
            if (used.compareAndSet(now, now + size)) {
                return;
            }
        }
    }

    /** Gives back bytes of a put that did not store, or of a deleted blob. */
    void release(long size) {
        used.addAndGet(-size);
    }
}
