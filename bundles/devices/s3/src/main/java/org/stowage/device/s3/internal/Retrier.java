package org.stowage.device.s3.internal;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs one S3 call with bounded attempts: retries throttling (503 SlowDown, 429), other 5xx, connection failures
 * and corrupt responses with exponential backoff and full jitter (a random sleep between 0 and
 * {@code base * 2^(attempt-1)}, capped at {@link #MAX_DELAY}), so that many clients that were throttled together
 * do not come back together. Other failures are not retried. The AWS SDK's own retries are off (see
 * {@link S3Clients}), so this is the only retry loop. Thread-safe.
 */
final class Retrier {

    static final Duration MAX_DELAY = Duration.ofSeconds(20);

    /** One attempt of a call; must be repeatable (fresh streams per attempt). */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws Exception;
    }

    /** Told about each outcome, so the device's status follows what S3 answers. */
    interface Listener {
        void succeeded();

        void failed(FailureKind kind, String description);
    }

    private final int attempts;
    private final long baseNanos;
    private final Listener listener;

    Retrier(int attempts, Duration base, Listener listener) {
        this.attempts = attempts;
        this.baseNanos = base.toNanos();
        this.listener = listener;
    }

    /** The same policy with a single attempt: for status checks, which must answer quickly. */
    Retrier once() {
        return new Retrier(1, Duration.ofNanos(baseNanos), listener);
    }

    int attempts() {
        return attempts;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails with a failure that is not retried, or runs out of attempts.
     *
     * @throws S3CallException with the kind of the last failure and the number of attempts made
     * @throws InterruptedIOException when interrupted while backing off
     */
    <T> T call(Attempt<T> attempt) throws S3CallException, InterruptedIOException {
        for (int n = 1; ; n++) {
            FailureKind kind;
            Exception failure;
            try {
                T result = attempt.run();
                listener.succeeded();
                return result;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw (InterruptedIOException) new InterruptedIOException("S3 call interrupted").initCause(e);
            } catch (Exception e) {
                failure = e;
                kind = FailureKind.of(e);
            }
            listener.failed(kind, FailureKind.describe(failure));
            if (!kind.retryable() || n >= attempts) {
                throw new S3CallException(kind, n, failure);
            }
            backOff(n);
        }
    }

    /** Full jitter: uniform in [0, min(cap, base * 2^(n-1))]. */
    long delayNanos(int attempt) {
        long ceiling = baseNanos << Math.min(attempt - 1, 30);
        if (ceiling <= 0 || ceiling > MAX_DELAY.toNanos()) {
            ceiling = MAX_DELAY.toNanos();
        }
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    private void backOff(int attempt) throws InterruptedIOException {
        long nanos = delayNanos(attempt);
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (InterruptedIOException) new InterruptedIOException("S3 retry backoff interrupted").initCause(e);
        }
    }
}
