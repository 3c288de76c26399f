package org.stowage.engine.internal.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmupTest {

    @Test
    void removesScratchLeftByAnEarlierRunAndNothingElse(@TempDir Path parent) throws IOException {
        Files.createDirectories(parent.resolve(Warmup.SCRATCH_PREFIX + "123/source/d0"));
        Files.writeString(parent.resolve(Warmup.SCRATCH_PREFIX + "123/source/d0/s0"), "left over");
        Files.writeString(parent.resolve("karaf-file"), "kept");

        Warmup.removeStale(parent);

        try (Stream<Path> left = Files.list(parent)) {
            assertEquals(List.of(parent.resolve("karaf-file")), left.toList());
        }
    }
}
