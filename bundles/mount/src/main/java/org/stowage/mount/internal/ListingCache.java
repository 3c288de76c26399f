package org.stowage.mount.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.stowage.api.repository.NodeInfo;

/**
 * The directory listings a mount has read, least recently used dropped first once they hold more than
 * {@code maxEntries} entries in all (a snapshot never changes, so a listing never goes stale; the bound is memory
 * only). Thread-safe; two threads that miss the same folder at once may both read it.
 */
final class ListingCache {

    private record Key(String snapshotId, String path) {
    }

    private final int maxEntries;
    private final Map<Key, List<NodeInfo>> listings = new LinkedHashMap<>(64, 0.75f, true);
    private int entries;

    ListingCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    List<NodeInfo> get(String snapshotId, String path, Supplier<List<NodeInfo>> read) {
        Key key = new Key(snapshotId, path);
        synchronized (this) {
            List<NodeInfo> cached = listings.get(key);
            if (cached != null) {
                return cached;
            }
        }
        List<NodeInfo> listing = List.copyOf(read.get());
        synchronized (this) {
            List<NodeInfo> previous = listings.put(key, listing);
            entries += listing.size() - (previous == null ? 0 : previous.size());
            Iterator<List<NodeInfo>> eldest = listings.values().iterator();
            while (entries > maxEntries && listings.size() > 1) {
                entries -= eldest.next().size();
                eldest.remove();
            }
        }
        return listing;
    }
}
