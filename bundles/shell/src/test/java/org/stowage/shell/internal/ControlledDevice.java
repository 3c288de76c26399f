package org.stowage.shell.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.BusyControl;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceDetails;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;
import org.stowage.api.device.support.BusyWindows;
import org.stowage.api.device.support.DeviceLoad;

/**
 * A device as a driver builds one: busy control by the api's {@link DeviceLoad} at a fixed clock, detail sections,
 * and a probe that records the sizes asked for. Blobs are not supported; the commands never move them.
 */
final class ControlledDevice implements Device, BusyControl, DeviceDetails {

    final DeviceLoad load;
    final List<Integer> probes = new ArrayList<>();
    List<Section> sections = List.of();
    IOException probeFailure;
    private final DeviceDescriptor descriptor;

    ControlledDevice(String id, Clock clock) {
        this.descriptor = new DeviceDescriptor(id, "tape", DeviceKind.TAPE, AccessType.SEQUENTIAL, 3L << 40);
        this.load = new DeviceLoad(2, BusyWindows.NONE, clock);
    }

    @Override
    public DeviceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public DeviceStatus status() {
        Optional<String> busy = load.busyReason();
        return new DeviceStatus(busy.isPresent() ? DeviceState.BUSY : DeviceState.IDLE, busy.orElse(""),
                160 * 1024 * 1024, 1, 5L << 30, 1L << 40);
    }

    @Override
    public void setBusy(String reason, Instant until) {
        load.setBusy(reason, until);
    }

    @Override
    public void clearBusy() {
        load.clearBusy();
    }

    @Override
    public List<Section> details() {
        return sections;
    }

    @Override
    public ProbeResult probe(int bytes) throws IOException {
        probes.add(bytes);
        if (probeFailure != null) {
            throw probeFailure;
        }
        return new ProbeResult(descriptor.id(), bytes, Duration.ofMillis(50));
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws IOException {
        throw new DeviceException(descriptor.id(), "not supported by this stand-in");
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
        throw new DeviceException(descriptor.id(), "not supported by this stand-in");
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) {
        return Optional.empty();
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) {
    }

    @Override
    public void delete(BlobName name) {
    }
}
