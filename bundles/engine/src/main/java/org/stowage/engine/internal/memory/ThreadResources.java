package org.stowage.engine.internal.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a thread holds outside the heap for the work it does (scratch buffers, zstd contexts), given back in one call
 * when that work ends: by {@link WorkerThreads} when a pipeline's worker thread finishes, and by an operation's
 * caller when the operation returns (a shell session or a Camel thread lives on, and would otherwise keep its
 * scratch for good). A resource registers its release when the thread first creates it; after
 * {@link #releaseCurrentThread} the next use creates it again. Thread-confined: each thread sees only its own.
 */
public final class ThreadResources {

    private static final ThreadLocal<List<Runnable>> RELEASES = new ThreadLocal<>();

    private ThreadResources() {
    }

    /**
     * The current thread's value of {@code local}: created by {@code create} at its first use, and released by
     * {@code release} (and removed) with the thread's other resources.
     */
    public static <T> T get(ThreadLocal<T> local, Supplier<T> create, Consumer<T> release) {
        T value = local.get();
        if (value == null) {
            T created = create.get();
            local.set(created);
            onRelease(() -> {
                local.remove();
                release.accept(created);
            });
            value = created;
        }
        return value;
    }

    /** Registers how to release a resource the current thread has just created. */
    public static void onRelease(Runnable release) {
        List<Runnable> releases = RELEASES.get();
        if (releases == null) {
            releases = new ArrayList<>();
            RELEASES.set(releases);
        }
        releases.add(release);
    }

    /** Releases everything the current thread registered; its resources are created afresh when used again. */
    public static void releaseCurrentThread() {
        List<Runnable> releases = RELEASES.get();
        RELEASES.remove();
        if (releases != null) {
            releases.forEach(Runnable::run);
        }
    }
}
