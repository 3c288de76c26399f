package org.stowage.api.mount;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One mounted view of the repository.
 *
 * @param mountpoint the folder the view is mounted at, absolute and normalized
 * @param since      when it was mounted
 * @param owner      who asked for it, for listings (e.g. {@code shell session karaf@127.0.0.1})
 */
public record MountInfo(Path mountpoint, Instant since, String owner) {

    public MountInfo {
        Objects.requireNonNull(mountpoint, "mountpoint");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(owner, "owner");
    }
}
