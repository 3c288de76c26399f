package org.stowage.engine.internal.osgi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.support.ByteSizes;
import org.stowage.engine.internal.placement.PlacementPolicy;
import org.stowage.engine.internal.repo.RepositoryConfig;
import org.stowage.engine.internal.repo.RepositoryOptions;

/**
 * The checked content of {@code etc/org.stowage.repository.cfg}. Every error names the PID, the key and what to
 * write instead, so that the component fails to activate with a message an operator can act on.
 */
record RepositorySettings(List<String> deviceIds, PlacementPolicy placement, Path passwordFile, boolean autoInit,
                          RepositoryOptions options, WarmupMode warmup, long memoryBudget) {

    static RepositorySettings from(RepositoryConfiguration config) {
        List<String> deviceIds = deviceIds(config);
        if (config.copies() < 1) {
            throw invalid("copies", "is " + config.copies() + "; use 1 or more");
        }
        PlacementPolicy placement = new PlacementPolicy(config.selector(), config.copies());
        String passwordFile = config.password_file() == null ? "" : config.password_file().trim();
        if (passwordFile.isEmpty()) {
            throw invalid("password.file", "is missing; name a file whose first line is the repository password");
        }
        Path path = Path.of(passwordFile);
        if (!path.isAbsolute()) {
            throw invalid("password.file", "'" + passwordFile + "' is not an absolute path");
        }
        String init = config.init() == null ? "" : config.init().trim().toLowerCase(Locale.ROOT);
        if (!init.equals("auto") && !init.equals("manual")) {
            throw invalid("init", "'" + config.init() + "' is not valid; use auto or manual");
        }
        return new RepositorySettings(deviceIds, placement, path, init.equals("auto"), options(config),
                warmup(config), memoryBudget(config));
    }

    /** Smallest budget taken: below it not even one backup thread's chunk buffers fit. */
    static final long MIN_MEMORY_BUDGET = 32L << 20;

    private static long memoryBudget(RepositoryConfiguration config) {
        long bytes;
        try {
            bytes = ByteSizes.parse(config.memory_budget() == null ? "" : config.memory_budget());
        } catch (IllegalArgumentException e) {
            throw invalid("memory.budget", "is invalid: " + e.getMessage());
        }
        if (bytes < MIN_MEMORY_BUDGET) {
            throw invalid("memory.budget", "'" + config.memory_budget() + "' is less than "
                    + ByteSizes.format(MIN_MEMORY_BUDGET) + "; use e.g. 256m");
        }
        return bytes;
    }

    /** What the service compiles at start: {@code crypto}, {@code rehearsal} (or {@code true}), {@code off} (or
     * {@code false}). */
    enum WarmupMode { CRYPTO, REHEARSAL, OFF }

    private static WarmupMode warmup(RepositoryConfiguration config) {
        String mode = config.warmup() == null ? "" : config.warmup().trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "crypto", "" -> WarmupMode.CRYPTO;
            case "rehearsal", "true" -> WarmupMode.REHEARSAL;
            case "off", "false" -> WarmupMode.OFF;
            default -> throw invalid("warmup", "'" + config.warmup() + "' is not valid; use crypto, rehearsal or off");
        };
    }

    /** {@code devices}, or the single {@code device} where it is empty. */
    private static List<String> deviceIds(RepositoryConfiguration config) {
        String devices = config.devices() == null ? "" : config.devices().trim();
        String key = devices.isEmpty() ? "device" : "devices";
        List<String> ids = new ArrayList<>();
        for (String id : (devices.isEmpty() ? String.valueOf(config.device()) : devices).split(",")) {
            try {
                ids.add(DeviceDescriptor.checkId(id.trim()));
            } catch (IllegalArgumentException e) {
                throw invalid(key, e.getMessage());
            }
            if (ids.indexOf(id.trim()) != ids.size() - 1) {
                throw invalid(key, "names device '" + id.trim() + "' twice");
            }
        }
        return List.copyOf(ids);
    }

    private static RepositoryOptions options(RepositoryConfiguration config) {
        RepositoryOptions options = RepositoryOptions.defaults()
                .withChunks(config.chunk_min(), config.chunk_avg(), config.chunk_max())
                .withPackSize(config.pack_size())
                .withCompressionLevel(config.compression());
        try {
            // the same rules the repository applies at init, checked now so a bad value fails activation
            new RepositoryConfig(1, "0".repeat(64), 0, options.chunkMin(), options.chunkAvg(), options.chunkMax(),
                    options.packSize(), options.compressionLevel());
        } catch (IllegalArgumentException e) {
            throw invalid("chunk.min/chunk.avg/chunk.max/pack.size/compression", e.getMessage());
        }
        return options;
    }

    private static IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException(RepositoryConfiguration.PID + ": key '" + key + "' " + problem);
    }
}
