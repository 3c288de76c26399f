package org.stowage.device.s3.internal;

import java.util.List;

import org.stowage.api.device.DeviceDetails.Section;

/** What {@code stowage:device <id>} shows of an S3 device: its settings (never the keys) and its failure counts. */
final class S3Details {

    private S3Details() {
    }

    static List<Section> of(S3Settings settings, S3Status status) {
        List<List<String>> rows = List.of(
                List.of("endpoint", settings.endpointName()),
                List.of("bucket", settings.bucket()),
                List.of("prefix", settings.prefix()),
                List.of("region", settings.region()),
                List.of("path style", String.valueOf(settings.pathStyle())),
                List.of("credentials", settings.accessKey().isEmpty() ? "default chain" : "static (access.key)"),
                List.of("storage class", settings.storageClass().isEmpty() ? "bucket default"
                        : settings.storageClass()),
                List.of("multipart threshold / part", settings.multipartThreshold() + " / " + settings.partSize()),
                List.of("max in flight", String.valueOf(settings.maxInFlight())),
                List.of("retry attempts / base delay", settings.retryAttempts() + " / " + settings.retryBaseDelay()),
                List.of("failed attempts / throttled", status.failures() + " / " + status.throttled()),
                List.of("last failure", status.lastFailure()));
        return List.of(new Section("S3", List.of("Setting", "Value"), rows));
    }
}
