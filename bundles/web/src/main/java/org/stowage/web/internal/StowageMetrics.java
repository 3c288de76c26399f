package org.stowage.web.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.repository.RepositoryInfo;
import org.stowage.api.repository.SnapshotInfo;

/** {@link StowageMetricsMXBean} over the same services and tasks as the API. Thread-safe (reads only). */
final class StowageMetrics implements StowageMetricsMXBean {

    private final StowageServices services;
    private final Tasks tasks;
    private final Clock clock;

    StowageMetrics(StowageServices services, Tasks tasks, Clock clock) {
        this.services = services;
        this.tasks = tasks;
        this.clock = clock;
    }

    @Override
    public String getRepositoryState() {
        RepositoryInfo info = info();
        return info == null ? "STOPPED" : info.state().name();
    }

    @Override
    public int getSnapshots() {
        List<SnapshotInfo> snapshots = snapshots();
        return snapshots == null ? -1 : snapshots.size();
    }

    @Override
    public long getLatestSnapshotAgeSeconds() {
        List<SnapshotInfo> snapshots = snapshots();
        if (snapshots == null || snapshots.isEmpty()) {
            return -1;
        }
        return Duration.between(snapshots.get(snapshots.size() - 1).time(), clock.instant()).toSeconds();
    }

    @Override
    public long getStoredBytes() {
        List<SnapshotInfo> snapshots = snapshots();
        return snapshots == null ? 0 : snapshots.stream().filter(s -> s.stats() != null)
                .mapToLong(s -> s.stats().bytesStored()).sum();
    }

    @Override
    public int getTasksActive() {
        return (int) tasks.views().stream().filter(t -> t.finished() == null).count();
    }

    @Override
    public int getTasksFailed() {
        return (int) tasks.views().stream().filter(t -> t.state() == Task.State.FAILED).count();
    }

    @Override
    public Map<String, String> getDeviceStates() {
        return perDevice(s -> s.state().name());
    }

    @Override
    public Map<String, Double> getDeviceTrafficBytesPerSecond() {
        return perDevice(DeviceStatus::trafficBytesPerSecond);
    }

    @Override
    public Map<String, Long> getDeviceUsedBytes() {
        return perDevice(DeviceStatus::usedBytes);
    }

    @Override
    public Map<String, Long> getDeviceFreeBytes() {
        return perDevice(DeviceStatus::freeBytes);
    }

    private <T> Map<String, T> perDevice(Function<DeviceStatus, T> figure) {
        Map<String, T> values = new TreeMap<>();
        for (Device device : services.devices()) {
            values.put(device.descriptor().id(), figure.apply(device.status()));
        }
        return values;
    }

    private RepositoryInfo info() {
        try {
            return services.repository().info();
        } catch (ApiException e) {
            return null; // the engine is not running
        }
    }

    /** The snapshots, or null while the repository cannot list them (monitoring must not see an exception). */
    private List<SnapshotInfo> snapshots() {
        RepositoryInfo info = info();
        if (info == null || info.state() != RepositoryInfo.State.READY) {
            return null;
        }
        return services.snapshots().snapshots();
    }
}
