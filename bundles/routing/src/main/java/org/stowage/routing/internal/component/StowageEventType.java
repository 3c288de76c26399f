package org.stowage.routing.internal.component;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.stowage.api.device.DeviceState;

/** The kinds of event {@code stowage:events} delivers; {@code types=} names them, case-insensitively. */
public enum StowageEventType {
    /** A job run began; body: the job name. */
    JOB_STARTED,
    /** A job run ended well; body: the new {@code SnapshotInfo}. */
    JOB_FINISHED,
    /** A job run failed; body: the failure's message (also in header StowageReason). */
    JOB_FAILED,
    /** A snapshot was committed (by a job or a stowage:backup); body: the {@code SnapshotInfo}. */
    SNAPSHOT_SAVED,
    /** A stowage:check found problems; body: the {@code CheckReport}. */
    CHECK_FAILED,
    /** A device turned busy; body: the {@code DeviceStateChange}. */
    DEVICE_BUSY,
    /** A device turned idle. */
    DEVICE_IDLE,
    /** A device went offline (or its service went away). */
    DEVICE_OFFLINE,
    /** A drain wrote what waited in staging for a device; body: the {@code DrainResult}. */
    STAGING_DRAINED,
    /**
     * A backup from replicas left a failed replica for another; body: the {@code ReplicaSwitch} (header
     * StowageReason: what failed).
     */
    REPLICA_SWITCHED;

    /** The event type of a device now in {@code state}. */
    static StowageEventType of(DeviceState state) {
        return switch (state) {
            case BUSY -> DEVICE_BUSY;
            case IDLE -> DEVICE_IDLE;
            case OFFLINE -> DEVICE_OFFLINE;
        };
    }

    /**
     * The types a {@code types=} option names: comma-separated, case-insensitive; empty for every type.
     *
     * @throws IllegalArgumentException naming the unknown type and the known ones
     */
    static Set<StowageEventType> parse(String types) {
        if (types == null || types.isBlank()) {
            return EnumSet.allOf(StowageEventType.class);
        }
        Set<StowageEventType> set = EnumSet.noneOf(StowageEventType.class);
        for (String part : types.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (name.isEmpty()) {
                continue;
            }
            try {
                set.add(valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("stowage:events: unknown event type '" + part.trim() + "' in types="
                        + types + "; known types: " + EnumSet.allOf(StowageEventType.class), e);
            }
        }
        return set;
    }
}
