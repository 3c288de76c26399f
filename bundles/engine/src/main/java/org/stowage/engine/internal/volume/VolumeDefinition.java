package org.stowage.engine.internal.volume;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * One configured volume ({@code etc/org.stowage.volume-<name>.cfg}).
 *
 * @param name      the volume's name
 * @param path      its image file or block device
 * @param blockSize bytes per block ({@link BlockSizes})
 * @param export    where its NBD export listens when exported
 */
public record VolumeDefinition(String name, Path path, int blockSize, InetSocketAddress export) {

    /** The NBD port by IANA assignment, used when none is configured. */
    public static final int NBD_PORT = 10809;

    public VolumeDefinition {
        VolumeRecords.checkName(name);
        BlockSizes.check(blockSize);
        if (path == null || !path.isAbsolute()) {
            throw new IllegalArgumentException("volume '" + name + "' needs an absolute path, got " + path);
        }
    }
}
