package org.stowage.api.volume;

/**
 * One configured volume.
 *
 * @param name           the volume's name (configuration key {@code name})
 * @param path           the image file or block device
 * @param blockSize      bytes per block
 * @param size           bytes of the volume now, -1 when it cannot be opened
 * @param export         {@code host:port/name} of its NBD export, or null when not exported
 * @param latestSnapshot id of its latest complete snapshot, or null before the first backup
 * @param dirtyBlocks    blocks written since that snapshot (tracked), -1 when not exported (unknown: the next
 *                       backup compares every block's hash)
 */
public record VolumeInfo(String name, String path, int blockSize, long size, String export, String latestSnapshot,
                         long dirtyBlocks) {
}
