package org.stowage.routing.internal.component;

import org.apache.camel.spi.Metadata;

/**
 * The headers of the {@code stowage:} component, in one place so that the generated metadata and docs/component.md
 * list them. A header named "in" overrides the endpoint's option of the same meaning for one message; "out" headers
 * are set on the result.
 */
public final class StowageConstants {

    /** The component's URI scheme. */
    public static final String SCHEME = "stowage";

    @Metadata(label = "producer", javaType = "String",
            description = "out (backup): the new snapshot's id; in (restore, ls): the snapshot to read, overriding "
                    + "the snapshot option")
    public static final String SNAPSHOT_ID = "StowageSnapshotId";
    @Metadata(label = "producer", javaType = "org.stowage.api.repository.SnapshotStats",
            description = "out (backup): what the backup did: files new, changed and unmodified, bytes processed, "
                    + "blobs and bytes added")
    public static final String SNAPSHOT_STATS = "StowageSnapshotStats";
    @Metadata(label = "producer", javaType = "String",
            description = "in (backup of a body): the name of the one file the body becomes in the snapshot, "
                    + "overriding the fileName option and CamelFileNameOnly")
    public static final String FILE_NAME = "StowageFileName";
    @Metadata(label = "producer", javaType = "String",
            description = "in (backup): comma-separated absolute paths to back up, overriding the paths option")
    public static final String PATHS = "StowagePaths";
    @Metadata(label = "producer", javaType = "String",
            description = "in (restore, ls): the path inside the snapshot, overriding the snapshotPath option")
    public static final String SNAPSHOT_PATH = "StowageSnapshotPath";
    @Metadata(label = "producer", javaType = "org.stowage.api.repository.PruneResult",
            description = "out (forget with prune=true): what the prune deleted")
    public static final String PRUNE_RESULT = "StowagePruneResult";
    @Metadata(label = "consumer", javaType = "String",
            description = "The event's type: JOB_STARTED, JOB_FINISHED, JOB_FAILED, SNAPSHOT_SAVED, CHECK_FAILED, "
                    + "DEVICE_BUSY, DEVICE_IDLE, DEVICE_OFFLINE, STAGING_DRAINED")
    public static final String EVENT_TYPE = "StowageEventType";
    @Metadata(label = "consumer", javaType = "java.time.Instant", description = "When the event happened")
    public static final String EVENT_TIME = "StowageEventTime";
    @Metadata(label = "consumer", javaType = "String",
            description = "The job of a JOB_STARTED, JOB_FINISHED or JOB_FAILED event, and of a SNAPSHOT_SAVED event "
                    + "of a job run")
    public static final String JOB_NAME = "StowageJobName";
    @Metadata(label = "consumer", javaType = "String", description = "The device of a DEVICE_BUSY, DEVICE_IDLE, "
            + "DEVICE_OFFLINE or STAGING_DRAINED event")
    public static final String DEVICE_ID = "StowageDeviceId";
    @Metadata(label = "consumer", javaType = "String",
            description = "Why: the failure of JOB_FAILED and CHECK_FAILED, the device's reason of a device event, "
                    + "what failed on the replica left by REPLICA_SWITCHED")
    public static final String REASON = "StowageReason";

    private StowageConstants() {
    }
}
