package org.stowage.itests.crash;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Sends SIGKILL to a Karaf JVM the moment the k-th device change is seen ({@link DeviceWatch}'s listener, called
 * from the watch thread). Fires at most once. Thread-safe.
 */
final class KillSwitch implements IntConsumer {

    private final ProcessHandle jvm;
    private final int k;
    private final AtomicInteger firedAt = new AtomicInteger(-1);

    KillSwitch(ProcessHandle jvm, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        this.jvm = jvm;
        this.k = k;
    }

    @Override
    public void accept(int changes) {
        if (changes >= k && firedAt.compareAndSet(-1, changes)) {
            jvm.destroyForcibly();
        }
    }

    boolean fired() {
        return firedAt.get() >= 0;
    }

    /** The number of changes seen when it fired (k, or more when several came in one notification). */
    int firedAt() {
        return firedAt.get();
    }
}
