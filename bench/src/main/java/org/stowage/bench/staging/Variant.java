package org.stowage.bench.staging;

import org.stowage.bench.staging.StagingRig.StagingMode;

/**
 * The four installations one repetition backs the data up on; they differ only in the tape and the staging service.
 *
 * @param slowTape whether the tape is paced at the tape rate and BUSY for the first part of the run
 */
enum Variant {

    /** All devices fast and idle, staging installed and enabled (nothing is busy, so nothing should be staged). */
    FAST("all fast, staging", StagingMode.ENABLED, false),
    /** All devices fast and idle, no staging service: the engine writes to the devices themselves (reference). */
    FAST_BARE("all fast, no staging service", StagingMode.NONE, false),
    /** The tape slow and busy, staging enabled: the subject. */
    STAGED("busy tape, staging", StagingMode.ENABLED, true),
    /** The tape slow and busy, staging installed with {@code enabled = false}: writers wait for the tape. */
    UNSTAGED("busy tape, staging disabled", StagingMode.DISABLED, true);

    final String label;
    final StagingMode staging;
    final boolean slowTape;

    Variant(String label, StagingMode staging, boolean slowTape) {
        this.label = label;
        this.staging = staging;
        this.slowTape = slowTape;
    }
}
