package org.stowage.staging.internal.sizing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.support.ByteSizes;

/**
 * Decides the staging space's size from the devices' parameters and measured traffic (source design S1), as
 * docs/staging.md explains with a worked example:
 * <pre>
 * need(d)  = max(driver(d), traffic(d) × max(expectedBusy(d), run(access(d))))
 *                                        driver: the room its driver asks for (device.staging.size), else 0;
 *                                        run: sequentialRun or randomRun; expectedBusy 0 if never seen busy
 * limit    = min( clamp(Σ need(d), min, max), volumeShare × (volumeFree + stagingOnVolume) )
 * </pre>
 * A device with no measured traffic adds what its driver asks for (the minimum covers it until it is measured). Stateless and
 * thread-safe.
 */
public final class StagingSizer {

    private final SizingPolicy policy;

    public StagingSizer(SizingPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * @param volumeFreeBytes      free bytes on the staging volume now
     * @param stagingOnVolumeBytes bytes the staging store takes on that volume now (they are usable by it too)
     */
    public StagingSize size(List<DeviceDemand> devices, long volumeFreeBytes, long stagingOnVolumeBytes) {
        List<StagingSize.DeviceShare> shares = new ArrayList<>(devices.size());
        long sum = 0;
        for (DeviceDemand device : devices) {
            StagingSize.DeviceShare share = share(device);
            shares.add(share);
            sum = saturatingAdd(sum, share.needBytes());
        }
        StringBuilder why = new StringBuilder("devices need ").append(ByteSizes.format(sum));
        long limit = sum;
        if (sum < policy.minBytes()) {
            limit = policy.minBytes();
            why.append(", raised to the minimum ").append(ByteSizes.format(limit));
        } else if (sum > policy.maxBytes()) {
            limit = policy.maxBytes();
            why.append(", capped at the maximum ").append(ByteSizes.format(limit));
        }
        long volume = (long) (policy.volumeShare()
                * ((double) Math.max(0, volumeFreeBytes) + Math.max(0, stagingOnVolumeBytes)));
        if (volume < limit) {
            limit = Math.max(1, volume);
            why.append(", cut to ").append(ByteSizes.format(limit)).append(" = ")
                    .append(percent(policy.volumeShare())).append(" of the staging volume's ")
                    .append(ByteSizes.format(volumeFreeBytes)).append(" free + ")
                    .append(ByteSizes.format(stagingOnVolumeBytes)).append(" staged");
        }
        return new StagingSize(limit, shares, "limit " + ByteSizes.format(limit) + ": " + why);
    }

    private StagingSize.DeviceShare share(DeviceDemand device) {
        double traffic = device.trafficBytesPerSecond();
        boolean sequential = device.access() == AccessType.SEQUENTIAL;
        Duration run = sequential ? policy.sequentialRun() : policy.randomRun();
        Duration busy = device.expectedBusy().orElse(Duration.ZERO);
        String busyWhy = device.expectedBusy().isPresent() ? "busy " + Spans.of(busy) + " (longest recently)"
                : "never seen busy";
        String runWhy = (sequential ? "streaming run " : "random-access minimum ") + Spans.of(run);
        String driver = device.driverBytes() > 0 ? "; its driver asks for " + ByteSizes.format(device.driverBytes())
                : "";
        if (traffic == 0) {
            return new StagingSize.DeviceShare(device.deviceId(), device.driverBytes(), accessName(device)
                    + ", no traffic measured yet" + driver);
        }
        Duration longer = busy.compareTo(run) >= 0 ? busy : run;
        long measured = (long) Math.min(Long.MAX_VALUE, traffic * longer.toMillis() / 1000.0);
        long need = Math.max(measured, device.driverBytes());
        String why = String.format(Locale.ROOT, "%s, %s/s × max(%s, %s) = %s%s", accessName(device),
                ByteSizes.format((long) traffic), busyWhy, runWhy, ByteSizes.format(measured),
                driver.isEmpty() ? "" : driver + (need > measured ? ", which wins" : ""));
        return new StagingSize.DeviceShare(device.deviceId(), need, why);
    }

    private static String accessName(DeviceDemand device) {
        return device.access() == AccessType.SEQUENTIAL ? "sequential" : "random access";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
