package org.stowage.api.device;

import java.util.Comparator;
import java.util.Objects;

/**
 * Where a blob lies on a sequential medium: the volume (e.g. a tape cartridge's label) and the position on it
 * (e.g. a byte offset from the beginning of the tape). Positions order the blobs of one volume in the order a drive
 * reaches them when it reads forward; volumes are ordered by name, so that sorting a set of positions groups the
 * blobs by volume and reads each volume front to back.
 *
 * @param volume   the volume's name, unique within the device
 * @param position the position on the volume, 0 or more; larger means further from the beginning
 */
public record MediaPosition(String volume, long position) implements Comparable<MediaPosition> {

    private static final Comparator<MediaPosition> ORDER =
            Comparator.comparing(MediaPosition::volume).thenComparingLong(MediaPosition::position);

    public MediaPosition {
        Objects.requireNonNull(volume, "volume");
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position + " on volume " + volume);
        }
    }

    @Override
    public int compareTo(MediaPosition other) {
        return ORDER.compare(this, other);
    }
}
