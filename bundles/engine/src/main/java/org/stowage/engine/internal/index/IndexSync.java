package org.stowage.engine.internal.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the in-memory {@link MasterIndex} in step with the index files on the device. Other processes that share the
 * repository change them between this process's operations: their backups add index files, their prunes replace the
 * whole set and delete the packs only the old set listed. An index that missed a prune would deduplicate against
 * deleted packs and let a backup commit a snapshot that references missing data, so the repository calls
 * {@link #refresh} each time it takes its lock, after the lock is held (no prune of another process can run then).
 *
 * <p>While every index file this index was built from is still on the device, a refresh only loads the new ones (one
 * listing when nothing changed). When one of them is gone, another process pruned: the index is rebuilt from the
 * device as at open, and the packs no index file lists are returned, for the packer to list with its next flush.
 *
 * <p>The index also records where each pack is as the devices list it (a copy that a crash left unrecorded in any
 * index file is found so). A device that comes online after the index was built (its driver started after the
 * repository opened) was not listed then: the next refresh lists the packs and records the copies that device holds
 * of the packs the index knows, so that a move away from it removes them and check verifies them. Packs no index
 * file lists that only it holds wait for the next rebuild (the next open or prune).
 *
 * <p>Thread-safe: refreshes are serialized; lookups in the index go on during one and see the old or the new index.
 */
public final class IndexSync {

    private final IndexStore store;
    private final MasterIndex index;
    private final PackListing packs;
    private final Set<String> loaded = new HashSet<>();
    private final Set<String> listed = new HashSet<>();
    private boolean invalid = true;

    /** @param packs lists the packs on the devices, to find where each is and the orphans no index file lists */
    public IndexSync(IndexStore store, MasterIndex index, PackListing packs) {
        this.store = store;
        this.index = index;
        this.packs = packs;
    }

    /**
     * Brings the index in step with the device.
     *
     * @param problems receives unreadable index files and orphan packs with unreadable headers
     * @return the packs that no index file lists (orphans, re-indexed from their headers) if the index was rebuilt;
     *         empty if it only took in new index files
     */
    public synchronized Optional<List<PackRecord>> refresh(List<String> problems) throws IOException {
        List<String> onDevice = store.list();
        if (!invalid && onDevice.containsAll(loaded)) {
            List<String> added = new ArrayList<>(onDevice);
            added.removeAll(loaded);
            store.load(added, index::add, problems);
            loaded.addAll(added);
            locateOnJoinedDevices();
            return Optional.empty();
        }
        return Optional.of(rebuild(onDevice, Set.of(), problems));
    }

    /**
     * Rebuilds the index from the device as {@link #refresh} does, leaving out {@code lostPacks}: packs that index
     * files list but the device no longer holds. A blob that one of them held and that another pack holds too is then
     * located in that other pack. Returns the orphans, as {@link #refresh}.
     */
    public synchronized List<PackRecord> rebuildWithout(Set<String> lostPacks, List<String> problems)
            throws IOException {
        return rebuild(store.list(), lostPacks, problems);
    }

    /** Records the copies on devices that came online since they were last listed (see the class comment). */
    private void locateOnJoinedDevices() throws IOException {
        List<String> online = packs.devices();
        listed.retainAll(online); // one that went away is listed again when it is back
        if (listed.containsAll(online)) {
            return;
        }
        packs.listPacks().forEach((pack, holders) -> index.addCopies(pack, List.copyOf(holders.keySet())));
        listed.addAll(online);
    }

    private List<PackRecord> rebuild(List<String> indexFiles, Set<String> lostPacks, List<String> problems)
            throws IOException {
        List<String> online = packs.devices();
        MasterIndex rebuilt = index.emptyCopy();
        store.load(indexFiles, pack -> {
            if (!lostPacks.contains(pack.id())) {
                rebuilt.add(pack);
            }
        }, problems);
        Map<String, Map<String, Long>> listing = packs.listPacks();
        listing.keySet().removeAll(lostPacks);
        List<PackRecord> orphans = store.reindexOrphans(rebuilt, listing, problems);
        index.replaceWith(rebuilt);
        loaded.clear();
        loaded.addAll(indexFiles);
        listed.addAll(online);
        invalid = false;
        return orphans;
    }

    /** Records index files this process wrote, whose packs the index already holds. */
    public synchronized void written(List<String> ids) {
        loaded.addAll(ids);
    }

    /**
     * Records that the index files {@code current} now list everything the index holds and every other index file
     * is about to be deleted (prune, under the exclusive lock).
     */
    public synchronized void replaced(List<String> current) {
        loaded.clear();
        loaded.addAll(current);
        invalid = false;
    }

    /**
     * Makes the next refresh rebuild the index from the device: the in-memory index may no longer match it (a prune
     * that failed after forgetting packs in memory).
     */
    public synchronized void invalidate() {
        invalid = true;
    }
}
