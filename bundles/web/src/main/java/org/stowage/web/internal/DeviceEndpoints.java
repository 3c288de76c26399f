package org.stowage.web.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stowage.api.device.BusyControl;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;
import org.stowage.api.device.support.ByteSizes;

/**
 * Devices: status, capacity and the repository's share of each; traffic history; mark busy or idle and probe
 * (operator: these change no configuration, they steer work the way stowage:device-busy does).
 */
final class DeviceEndpoints {

    private static final long MIN_PROBE = 64 << 10;
    private static final long MAX_PROBE = 256 << 20;

    private final StowageServices services;
    private final DeviceSampler sampler;

    DeviceEndpoints(StowageServices services, DeviceSampler sampler) {
        this.services = services;
        this.sampler = sampler;
    }

    void register(Router router) {
        router.add("GET", "/devices", Role.VIEWER, c -> list())
                .add("GET", "/devices/{id}", Role.VIEWER, c -> {
                    Device device = services.device(c.param("id"));
                    return view(device, device.status(), repositoryBytes().get(c.param("id")));
                })
                .add("GET", "/devices/{id}/history", Role.VIEWER, c -> {
                    services.device(c.param("id"));
                    return sampler.columns(c.param("id"));
                })
                .add("POST", "/devices/{id}/busy", Role.OPERATOR, this::busy)
                .add("POST", "/devices/{id}/idle", Role.OPERATOR, this::idle)
                .add("POST", "/devices/{id}/probe", Role.OPERATOR, this::probe);
    }

    private List<Map<String, Object>> list() {
        Map<String, Long> shares = repositoryBytes();
        return services.devices().stream().sorted((a, b) -> a.descriptor().id().compareTo(b.descriptor().id()))
                .map(d -> view(d, d.status(), shares.get(d.descriptor().id()))).toList();
    }

    private Object busy(Call call) {
        Device device = services.device(call.param("id"));
        String until = call.text("until", null);
        Instant end;
        try {
            end = until == null ? null : Instant.parse(until);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Field 'until' is '" + until + "': write an ISO instant, e.g. "
                    + "2026-03-01T06:00:00Z, or leave it out to stay busy until marked idle");
        }
        if (end != null && !end.isAfter(Instant.now())) {
            throw ApiException.badRequest("Field 'until' (" + until + ") has passed; give a future instant");
        }
        String reason = call.text("reason", "set busy from the web console by " + call.user.name());
        busyControl(device).setBusy(reason, end);
        return view(device, device.status(), null);
    }

    private Object idle(Call call) {
        Device device = services.device(call.param("id"));
        busyControl(device).clearBusy();
        return view(device, device.status(), null);
    }

    private Object probe(Call call) throws Exception {
        Device device = services.device(call.param("id"));
        long size;
        try {
            size = ByteSizes.parse(call.text("size", "4m"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Field 'size': " + e.getMessage());
        }
        if (size < MIN_PROBE || size > MAX_PROBE) {
            throw ApiException.badRequest("Field 'size' must be from 64k to 256m");
        }
        ProbeResult result = device.probe((int) size);
        return Map.of("device", result.deviceId(), "bytes", result.bytes(), "elapsed", result.elapsed(),
                "bytesPerSecond", result.bytesPerSecond());
    }

    private static BusyControl busyControl(Device device) {
        if (device instanceof BusyControl control) {
            return control;
        }
        throw new ApiException(409, "Device '" + device.descriptor().id() + "' (family " + device.descriptor()
                .family() + ") does not offer busy control: its state follows the device's own condition only");
    }

    private Map<String, Long> repositoryBytes() {
        try {
            return services.repository().bytesByDevice();
        } catch (ApiException e) {
            return Map.of(); // the devices are shown while the engine is away, without their share
        }
    }

    static Map<String, Object> view(Device device, DeviceStatus status, Long repositoryBytes) {
        DeviceDescriptor d = device.descriptor();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", d.id());
        view.put("family", d.family());
        view.put("kind", d.kind());
        view.put("access", d.access());
        view.put("capacityBytes", d.capacityBytes());
        view.put("state", status.state());
        view.put("reason", status.reason());
        view.put("trafficBytesPerSecond", status.trafficBytesPerSecond());
        view.put("queueDepth", status.queueDepth());
        view.put("usedBytes", status.usedBytes());
        view.put("freeBytes", status.freeBytes());
        view.put("repositoryBytes", repositoryBytes);
        view.put("busyControl", device instanceof BusyControl);
        return view;
    }
}
