package org.stowage.device.s3.internal;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.DeviceException;

/**
 * Turns a failed S3 call into the device exception the caller sees: a missing object is
 * {@link BlobNotFoundException}; everything else names the device, the operation and blob, the endpoint, bucket and
 * key, the attempts made, S3's answer, and what to do. Never the credentials.
 */
final class S3Failures {

    private S3Failures() {
    }

    static DeviceException toDeviceException(S3Settings settings, String what, String key, S3CallException e,
                                             BlobName name) {
        String id = settings.descriptor().id();
        if (e.kind() == FailureKind.NOT_FOUND && name != null) {
            return (DeviceException) new BlobNotFoundException(id, name).initCause(e);
        }
        if (e.kind() == FailureKind.RANGE) {
            return new DeviceException(id, what + " failed: " + e.getMessage(), e);
        }
        return new DeviceException(id, what + " failed after " + e.attempts() + " attempt(s) at "
                + settings.endpointName() + ", bucket '" + settings.bucket() + "', key '" + key + "': "
                + e.getMessage() + "; " + advice(e.kind()), e);
    }

    private static String advice(FailureKind kind) {
        return switch (kind) {
            case THROTTLED -> "S3 throttles this device: lower max.in.flight or spread jobs over time";
            case UNREACHABLE -> "check that the S3 server runs and answers at the key 'endpoint'";
            case REFUSED -> "check the keys 'bucket', 'access.key' and 'secret.key' and the bucket's policy";
            case CORRUPT -> "the data was not returned; check the network path and the S3 server";
            case SERVER -> "the S3 server failed; try again later or check its logs";
            default -> "check the S3 server and the device configuration";
        };
    }
}
