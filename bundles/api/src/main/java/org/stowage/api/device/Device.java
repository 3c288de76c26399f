package org.stowage.api.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One storage device that stores opaque blobs under {@link BlobName}s.
 *
 * <p>Contract, shared by every driver (and checked by the conformance suite):
 * <ul>
 *   <li><b>Thread safety.</b> Every method may be called concurrently from several threads.</li>
 *   <li><b>put</b> is atomic and durable: when it returns, the whole blob survives a crash and power loss; a crash
 *       during put leaves either nothing or the complete blob under that name, never a partial one. Putting a name
 *       that already exists with the same content succeeds (idempotent); with different content it fails with
 *       {@link BlobExistsException} — blobs are write-once.</li>
 *   <li><b>get</b> returns exactly the requested bytes or throws; it never returns a short read as success.
 *       Verifying content is the caller's job (blobs are authenticated by the engine).</li>
 *   <li><b>delete</b> of a missing name is not an error (idempotent). Sequential devices may implement delete as
 *       "forget the name"; the space is reclaimed by the device's own rules.</li>
 *   <li><b>list</b> visits every complete blob of a type, in no particular order; blobs being written are not seen.</li>
 *   <li>Failures are {@link DeviceException}s that name the device and the blob.</li>
 * </ul>
 */
public interface Device {

    /** Service property: the device id, unique in one Stowage installation (e.g. {@code local}). */
    String PROP_ID = "device.id";
    /** Service property: the driver family, e.g. {@code disk}, {@code tape}, {@code s3}. */
    String PROP_FAMILY = "device.family";
    /** Service property: the {@link DeviceKind} name. */
    String PROP_KIND = "device.kind";
    /** Service property: the {@link AccessType} name. */
    String PROP_ACCESS = "device.access";
    /**
     * Service property (Long): bytes of staging space a writer should keep in front of this device to absorb bursts
     * while it is BUSY or slower than the source. Families that publish it document their defaults.
     */
    String PROP_STAGING_SIZE = "device.staging.size";
    /**
     * Service property (Integer, 1 or more): the operator's relative share of new data for this device, a device with
     * weight 4 getting four times the share of one with weight 1 where nothing else tells them apart. Selectors that
     * spread by speed use it until the device's speed is measured (docs/selectors.md).
     */
    String PROP_SELECTOR_WEIGHT = "device.selector.weight";

    /** What this device is; constant for the lifetime of the service. */
    DeviceDescriptor descriptor();

    /** The device's current status: state with reason, measured traffic, queue depth, capacity. Cheap to call. */
    DeviceStatus status();

    /**
     * Stores {@code content} (from its position to its limit) under {@code name}, atomically and durably.
     * The buffer's position is not changed.
     *
     * @throws BlobExistsException if a blob with that name but other content already exists
     * @throws DeviceFullException if the device's capacity limit would be exceeded
     */
    void put(BlobName name, ByteBuffer content) throws IOException;

    /**
     * Reads {@code range} of the blob. The returned buffer holds exactly {@code range.length()} bytes (or the whole
     * blob for {@link ByteRange#ALL}), position 0, ready to read.
     *
     * @throws BlobNotFoundException if there is no such blob
     * @throws DeviceException if the range reaches past the end of the blob, or the read fails
     */
    ByteBuffer get(BlobName name, ByteRange range) throws IOException;

    /**
     * Reads {@code range} of the blob into {@code out}, from its position, which advances by {@code range.length()};
     * the limit is not changed. Same contract and failures as {@link #get}; on failure {@code out} may hold part of
     * the range. Lets a caller reuse one buffer for many reads (the restore reads every pack through two buffers).
     * The default copies the result of {@link #get}; drivers that can read straight into the buffer override it.
     *
     * @throws IllegalArgumentException if {@code range} is {@link ByteRange#ALL} or {@code out} has less room
     *                                  than {@code range.length()}
     * @since 1.1
     */
    default void get(BlobName name, ByteRange range, ByteBuffer out) throws IOException {
        range.requireFits(name, out);
        ByteBuffer bytes = get(name, range);
        if (bytes.remaining() != range.length()) {
            throw new DeviceException(descriptor().id(), "get of " + name + " " + range + " returned "
                    + bytes.remaining() + " bytes");
        }
        out.put(bytes);
    }

    /** Size and name of a blob, or empty if there is none. */
    Optional<BlobInfo> stat(BlobName name) throws IOException;

    /** Visits every stored blob of {@code type}. */
    void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException;

    /** Removes a blob; a missing blob is not an error. */
    void delete(BlobName name) throws IOException;

    /**
     * Measures the transfer path with {@code bytes} of test data that the device does not keep (the "no-write" flag
     * of source design S2): the data travels the real path but leaves nothing behind.
     */
    ProbeResult probe(int bytes) throws IOException;
}
