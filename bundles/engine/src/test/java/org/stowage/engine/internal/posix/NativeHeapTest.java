package org.stowage.engine.internal.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.junit.jupiter.api.Test;

class NativeHeapTest {

    /** glibc's chunk header: the size word before a block, whose bit 1 says the chunk has a mapping of its own. */
    private static final long IS_MMAPPED = 2;

    /**
     * In a JVM of its own: in this one, earlier tests may have left glibc's arenas holding enough free memory to
     * serve the blocks below, which no threshold changes.
     */
    @Test
    void aBlockOfHalfAMebibyteIsMappedOnItsOwnEvenAfterALargerOneWasFreed() throws IOException, InterruptedException {
        assertEquals("fixed mapped", probe(Map.of()));
    }

    @Test
    void withTheArenasLimitedByTheEnvironmentTheThresholdIsLeftToGlibc() throws IOException, InterruptedException {
        assertEquals("not-fixed in-an-arena", probe(Map.of("MALLOC_ARENA_MAX", "2")));
        assertEquals("not-fixed in-an-arena", probe(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2")));
    }

    @Test
    void anOperatorsThresholdIsKept() throws IOException, InterruptedException {
        assertEquals("not-fixed mapped", probe(Map.of("MALLOC_MMAP_THRESHOLD_", "262144")));
    }

    /** The last line the {@link Probe} printed, run with glibc's heap settings cleared and then {@code env} set. */
    private static String probe(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("MALLOC_") || name.equals("GLIBC_TUNABLES"));
        builder.environment().putAll(env);
        Process probe = builder.start();
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe JVM ended");
        String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return said.lines().reduce((first, last) -> last).orElse(said);
    }

    /** Prints whether the threshold was fixed and whether the block got a mapping of its own. */
    static final class Probe {
        public static void main(String[] args) {
            String fixed = NativeHeap.mapLargeBlocks() && NativeHeap.mapLargeBlocks() ? "fixed" : "not-fixed";
            // Left to itself, glibc would now raise its threshold to 8 MiB and carve the next block from an arena.
            Native.free(Native.malloc(8 << 20));
            long block = Native.malloc(512 << 10);
            boolean mapped = (new Pointer(block).getLong(-8) & IS_MMAPPED) != 0;
            Native.free(block);
            System.out.println(fixed + " " + (mapped ? "mapped" : "in-an-arena"));
        }
    }
}
