package org.stowage.device.s3.internal;

import java.io.IOException;

/** An S3 response body that is not what it claims to be: short, too long, or not matching its CRC32C. */
final class CorruptResponseException extends IOException {

    private static final long serialVersionUID = 1L;

    CorruptResponseException(String message) {
        super(message);
    }
}
