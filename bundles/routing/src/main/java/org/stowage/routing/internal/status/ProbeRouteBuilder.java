package org.stowage.routing.internal.status;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.ProbeResult;
import org.stowage.routing.internal.device.DeviceConstants;
import org.stowage.routing.internal.device.DeviceRegistry;

/**
 * The probe route {@value StatusRoutes#PROBE_ROUTE_ID} (source design S2: while idle, probe every storage node with
 * test data carrying a no-write flag and time it): on a timer, each IDLE device moves {@code probeSize}
 * bytes of test data it does not keep ({@link Device#probe}), and the {@code stowage-device} endpoint records the
 * speed in the DeviceSpeeds the selectors weigh. BUSY and OFFLINE devices are never probed: a device's state is
 * checked again right before its probe. A failed probe is logged with its device and the others still run.
 */
public final class ProbeRouteBuilder extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeRouteBuilder.class);

    private final DeviceRegistry devices;
    private final long intervalMillis;
    private final long delayMillis;
    private final int probeSize;

    public ProbeRouteBuilder(DeviceRegistry devices, long intervalMillis, long delayMillis, int probeSize) {
        this.devices = devices;
        this.intervalMillis = intervalMillis;
        this.delayMillis = delayMillis;
        this.probeSize = probeSize;
    }

    @Override
    public void configure() {
        from(StatusRoutes.everyMillis("probe", intervalMillis, delayMillis))
                .routeId(StatusRoutes.PROBE_ROUTE_ID)
                .process(exchange -> exchange.getMessage().setBody(idleDeviceIds()))
                // sequential splitter: one probe at a time, so that probes do not slow each other down and
                // distort what they measure
                .split(body())
                    // filter: the device may have turned busy since the list was made
                    .filter(exchange -> isIdle(exchange.getMessage().getBody(String.class)))
                    .doTry()
                        // toD: the device is data of the message; the endpoint is cached per device
                        .toD(DeviceConstants.SCHEME + ":${body}?operation=probe&probeSize=" + probeSize)
                        .process(ProbeRouteBuilder::logResult)
                    .doCatch(Exception.class)
                        .process(ProbeRouteBuilder::logFailure)
                    .end()
                .end();
    }

    private List<String> idleDeviceIds() {
        return devices.all().stream().filter(device -> device.status().state() == DeviceState.IDLE)
                .map(device -> device.descriptor().id()).sorted().toList();
    }

    private boolean isIdle(String id) {
        return devices.get(id).map(device -> device.status().state() == DeviceState.IDLE).orElse(false);
    }

    private static void logResult(Exchange exchange) {
        ProbeResult result = exchange.getMessage().getBody(ProbeResult.class);
        LOG.debug("probe of device '{}': {} bytes in {} ({} MiB/s)", result.deviceId(), result.bytes(),
                result.elapsed(), String.format("%.1f", result.bytesPerSecond() / (1024 * 1024)));
    }

    private static void logFailure(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("probe of device '{}' failed; its speed stays unmeasured until the next probe or pack write: {}",
                exchange.getMessage().getHeader(DeviceConstants.DEVICE_ID, String.class), failure.toString(), failure);
    }
}
