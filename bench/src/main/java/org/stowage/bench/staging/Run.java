package org.stowage.bench.staging;

import java.util.Map;

/**
 * One timed backup and what followed it.
 *
 * @param mib            data the backup processed
 * @param clientSeconds  from the backup call to its return (the snapshot committed): what the client waits for
 * @param cpuSeconds     this JVM's CPU during the backup (all threads, drains included)
 * @param othersCpu      CPU seconds other processes used during the backup
 * @param load           1-minute load average when the run started
 * @param busySeconds    how long the tape was BUSY from the start (0: never)
 * @param tapeDone       seconds from the start until the last pack put to the tape returned
 * @param drained        whether staging was empty again before the drain timeout (true without staging)
 * @param waitedPuts     puts that waited for the busy tape, and their summed wait
 * @param peakUsed       the staging store's peak live bytes, the limit in force then, the smallest limit and the
 *                       highest used / limit of any sample (all 0 without staging)
 * @param devicePeaks    peak bytes staged per device
 * @param limitWhy       the sizer's "why" at the end of the backup (empty without staging)
 * @param tape           the tape against the disk after the drain, or null when not checked
 */
record Run(double mib, double clientSeconds, double cpuSeconds, double othersCpu, double load, double busySeconds,
           double tapeDone, boolean drained, long waitedPuts, double waitedSeconds, long peakUsed,
           long capacityAtPeak, long minCapacity, double closestShare, Map<String, Long> devicePeaks,
           String limitWhy, StagingRig.TapeCheck tape) {

    /** From the tape turning idle until it held every pack. */
    double drainSeconds() {
        return tapeDone - busySeconds;
    }
}
