package org.stowage.staging.internal.service;

import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.stowage.api.device.BlobName;

/**
 * One lock per (device, blob name) in use, so that a view's check-then-stage, a drain's put-then-release and a
 * delete of the same blob never interleave, while different blobs never wait for each other. Exact keys, not
 * stripes: a put waiting for room in a full staging space holds its own name only, so a drain (which frees the room)
 * is never blocked behind it. Entries live only while someone holds or waits for them. Thread-safe.
 */
final class NameLocks {

    /** A held lock; closing it releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private record Key(String deviceId, BlobName name) {
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

    /** Waits for the blob's lock (interruptibly). */
    Held lock(String deviceId, BlobName name) throws InterruptedIOException {
        Key key = new Key(deviceId, name);
        Entry entry = enter(key);
        try {
            entry.lock.lockInterruptibly();
        } catch (InterruptedException e) {
            leave(key);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for blob " + name + " of device '" + deviceId
                    + "'");
        }
        return () -> release(key, entry);
    }

    /** The blob's lock if it is free within {@code millis}; empty if someone else keeps it that long. */
    Optional<Held> tryLock(String deviceId, BlobName name, long millis) throws InterruptedIOException {
        Key key = new Key(deviceId, name);
        Entry entry = enter(key);
        boolean locked;
        try {
            locked = entry.lock.tryLock(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            leave(key);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for blob " + name + " of device '" + deviceId
                    + "'");
        }
        if (!locked) {
            leave(key);
            return Optional.empty();
        }
        return Optional.of(() -> release(key, entry));
    }

    /** Names locked or waited for now; 0 when idle (tests check that nothing leaks). */
    int inUse() {
        return entries.size();
    }

    private void release(Key key, Entry entry) {
        entry.lock.unlock();
        leave(key);
    }

    private Entry enter(Key key) {
        return entries.compute(key, (k, entry) -> {
            Entry e = entry == null ? new Entry() : entry;
            e.users++;
            return e;
        });
    }

    private void leave(Key key) {
        entries.computeIfPresent(key, (k, entry) -> --entry.users == 0 ? null : entry);
    }
}
