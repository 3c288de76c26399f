package org.stowage.device.s3.internal;

import java.util.Set;

import org.apache.camel.ResolveEndpointFailedException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** What kind of failure an S3 call met: decides retry, BUSY (throttling) and OFFLINE. */
enum FailureKind {
    /** 404: no such object. Not retried. */
    NOT_FOUND(false),
    /** 416: the range starts past the end of the object. Not retried. */
    RANGE(false),
    /** 503 SlowDown, 429 and friends: retried with backoff; the device is BUSY for a cool-down. */
    THROTTLED(true),
    /** Other 5xx and request timeouts: retried. */
    SERVER(true),
    /** No answer: connection refused or reset, timeouts. Retried; the device is OFFLINE when all attempts fail. */
    UNREACHABLE(true),
    /** The response body was short, too long or did not match its checksum. Retried; never returned. */
    CORRUPT(true),
    /** The bucket is missing or the credentials are refused: not retried; the device is OFFLINE. */
    REFUSED(false),
    /** Any other client error (4xx): not retried. */
    REJECTED(false);

    private static final Set<String> THROTTLING = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestLimitExceeded", "TooManyRequests", "TooManyRequestsException", "RequestThrottled");
    private static final Set<String> REFUSALS = Set.of("NoSuchBucket", "AccessDenied", "InvalidAccessKeyId",
            "SignatureDoesNotMatch", "AllAccessDisabled", "AccountProblem");

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    boolean retryable() {
        return retryable;
    }

    /** Classifies {@code failure}, looking through wrappers (Camel's, the SDK's) for the S3 answer. */
    static FailureKind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CorruptResponseException) {
                return CORRUPT;
            }
            if (t instanceof ResponseReader.RangePastEndException) {
                return RANGE;
            }
            if (t instanceof AwsServiceException aws) {
                return ofStatus(aws.statusCode(), errorCode(aws));
            }
            if (t instanceof SdkClientException || t instanceof java.io.IOException) {
                return UNREACHABLE;
            }
        }
        return failure instanceof ResolveEndpointFailedException ? UNREACHABLE : REJECTED;
    }

    static FailureKind ofStatus(int status, String code) {
        if (THROTTLING.contains(code) || status == 503 || status == 429) {
            return THROTTLED;
        }
        if (REFUSALS.contains(code)) {
            return REFUSED;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status == 416 || "InvalidRange".equals(code)) {
            return RANGE;
        }
        if (status >= 500 || status == 408 || "RequestTimeout".equals(code)) {
            return SERVER;
        }
        if (status == 403) {
            return REFUSED;
        }
        return REJECTED;
    }

    /** A one-line description of {@code failure} for messages: status, error code and S3's message. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws) {
                String message = aws.awsErrorDetails() != null && aws.awsErrorDetails().errorMessage() != null
                        ? aws.awsErrorDetails().errorMessage() : "";
                return "HTTP " + aws.statusCode() + " " + errorCode(aws) + (message.isEmpty() ? "" : ": " + message);
            }
            if (t instanceof CorruptResponseException || t instanceof ResponseReader.RangePastEndException
                    || t instanceof SdkClientException) {
                return t.getMessage();
            }
        }
        return String.valueOf(failure);
    }

    /** S3's error code; answers without a body (HEAD) have none, and S3 documents a bare 503 as SlowDown. */
    static String errorCode(AwsServiceException aws) {
        String code = aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null
                ? aws.awsErrorDetails().errorCode() : "";
        return code.isEmpty() && aws.statusCode() == 503 ? "SlowDown" : code;
    }
}
