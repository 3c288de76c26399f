package org.stowage.device.s3.internal;

import java.io.IOException;

/** An S3 call that failed for good: after its last attempt, or at once when the failure is not retried. */
final class S3CallException extends IOException {

    private static final long serialVersionUID = 1L;

    private final FailureKind kind;
    private final int attempts;

    S3CallException(FailureKind kind, int attempts, Throwable cause) {
        super(FailureKind.describe(cause), cause);
        this.kind = kind;
        this.attempts = attempts;
    }

    FailureKind kind() {
        return kind;
    }

    int attempts() {
        return attempts;
    }
}
