package org.stowage.staging.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code etc/org.stowage.staging.cfg}, optional: where the staging space lives, its bounds and how often device
 * statuses are polled. Keys are the method names with '_' read as '.' ({@code poll_seconds()} is
 * {@code poll.seconds}).
 */
@ObjectClassDefinition(name = "Stowage staging",
        description = "Durable staging space for blobs whose device is busy (source design S1), drained to the "
                + "device when it turns idle.")
@interface StagingConfig {

    @AttributeDefinition(name = "Path", description = "Absolute path of the staging directory (created when "
            + "missing); ${karaf.data} is replaced by Karaf's data directory. Put it on a volume with room: staging "
            + "uses at most half of the volume's free space.")
    String path() default StagingSettings.DEFAULT_PATH;

    @AttributeDefinition(name = "Minimum", description = "Smallest staging limit, a number with k, m, g or t "
            + "(powers of 1024); covers devices whose traffic is not measured yet.")
    String min() default "1g";

    @AttributeDefinition(name = "Maximum", description = "Largest staging limit, a number with k, m, g or t.")
    String max() default "64g";

    @AttributeDefinition(name = "Poll seconds", min = "1", description = "Seconds between two polls of the "
            + "devices' statuses: each poll drains IDLE devices that have blobs staged and re-sizes staging.")
    int poll_seconds() default 10;

    @AttributeDefinition(name = "Stage wait seconds", min = "1", description = "How long a put waits for room "
            + "when staging is full (back pressure) before it fails with StagingFullException.")
    int stage_wait_seconds() default 1800;

    @AttributeDefinition(name = "Enabled", description = "Stage puts for BUSY devices. When false, puts go to the "
            + "device even when it is BUSY; blobs already staged are still read and drained.")
    boolean enabled() default true;
}
