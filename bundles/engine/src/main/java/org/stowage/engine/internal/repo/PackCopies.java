package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.stowage.api.device.ByteRange;
import org.stowage.api.device.MediaPosition;

/**
 * Where the copies of each pack are, and reading, writing and deleting one: the one seam through which restore's
 * ordering, check, prune and copy reach packs on the repository's devices, so that none of them assumes one device.
 * A pack's copies are those the index records (union over index files, design.md §6) and those the online devices
 * list; device ids are the identity of a copy (§6a).
 *
 * <p>Thread-safe like {@link Repository}. Writes and deletions follow the order of design.md §9: a copy is written,
 * then recorded ({@link #recordCopies}); a copy is forgotten and the index rewritten without it
 * ({@link FormatInternals#replaceIndex}) before it is deleted.
 */
public interface PackCopies {

    /** The ids of the repository's devices that are online now, in configured order. */
    List<String> onlineDevices();

    /** The devices the index says hold a copy of the pack; empty if it does not know the pack. */
    List<String> copiesOf(String packId);

    /** For each device, the bytes of the packs the index records a copy of there. */
    Map<String, Long> bytesByDevice();

    /**
     * Where each pack is on the online devices now, as they list it: pack id to device id to size, devices in
     * configured order. A pack no online device lists is absent, whatever the index says.
     */
    Map<String, Map<String, Long>> listCopies() throws IOException;

    /**
     * Where the copy that a read of the pack would use first lies, when that copy is on a positioned (tape) device:
     * restore reads such packs in medium order. Empty for a copy on a random-access device or an unknown pack.
     */
    Optional<MediaPosition> readPosition(String packId);

    /**
     * The whole pack, from the first copy whose bytes hash to its name (damaged copies are passed over).
     *
     * @throws org.stowage.api.repository.IntegrityException if no copy is intact
     */
    ByteBuffer readPack(String packId) throws IOException;

    /**
     * Reads a range of one copy of a pack, the one device {@code deviceId} holds, into {@code out} (from its position,
     * which advances by the range's length). Nothing is verified: the caller checks what it read.
     */
    void readCopy(String packId, String deviceId, ByteRange range, ByteBuffer out) throws IOException;

    /** Writes a copy of a pack (verified by the caller) to device {@code deviceId}; records nothing yet. */
    void writeCopy(String packId, String deviceId, ByteBuffer pack) throws IOException;

    /**
     * Records in a new index file that the packs {@code packIds} have copies on {@code deviceIds} (index files only
     * add locations; see design.md §6). Call once those copies are durable.
     */
    void recordCopies(Set<String> packIds, List<String> deviceIds) throws IOException;

    /**
     * Forgets in memory that {@code deviceIds} hold the pack; only under {@link Administration#lockExclusive},
     * followed by {@link FormatInternals#replaceIndex}.
     */
    void forgetCopies(String packId, List<String> deviceIds);

    /**
     * Deletes the copy of a pack on one device; the caller has recorded durable copies elsewhere and rewritten the
     * index without this one first, under {@link Administration#lockExclusive}.
     */
    void deleteCopy(String packId, String deviceId) throws IOException;

    /**
     * Deletes the pack from every online device (a device that does not hold it is fine); only under
     * {@link Administration#lockExclusive}, once the index that no longer lists it is durable (prune). A copy on a
     * device that is offline stays: the listing finds it when the device returns, and the next prune removes it.
     */
    void deleteEveryCopy(String packId) throws IOException;
}
