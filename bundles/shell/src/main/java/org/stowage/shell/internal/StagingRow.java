package org.stowage.shell.internal;

import java.time.Instant;

import org.stowage.api.staging.DeviceStaging;

/** One device's staging as {@code stowage:staging} shows it and {@code --json} writes it (plain values, no Optional). */
record StagingRow(String id, String state, String reason, long stagedBytes, int stagedItems, String oldest,
                  Instant oldestStagedAt, long needBytes, String needWhy, double drainBytesPerSecond, boolean paused,
                  boolean draining, String lastError) {

    static StagingRow of(DeviceStaging d) {
        return new StagingRow(d.deviceId(), d.state().name(), d.reason(), d.stagedBytes(), d.stagedItems(),
                d.oldest().map(b -> b.name().toString()).orElse(null),
                d.oldest().map(b -> b.stagedAt()).orElse(null), d.needBytes(), d.needWhy(), d.drainBytesPerSecond(),
                d.paused(), d.draining(), d.lastError());
    }

    /** The state column: state, then paused or draining. */
    String stateText() {
        return state + (paused ? ", paused" : "") + (draining ? ", draining" : "");
    }
}
