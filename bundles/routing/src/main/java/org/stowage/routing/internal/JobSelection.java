package org.stowage.routing.internal;

import java.nio.file.Path;
import java.util.List;

import org.stowage.api.device.support.ByteSizes;
import org.stowage.api.repository.BackupSelection;

/**
 * The selection keys of a job configuration ({@code exclude}, {@code iexclude}, {@code exclude.file},
 * {@code exclude.caches}, {@code exclude.if.present}, {@code exclude.larger.than}, {@code one.file.system},
 * {@code files.from}) as a {@link BackupSelection}. The patterns themselves are checked by the engine when the job
 * runs, and a bad one fails the run with a message that quotes it. Stateless.
 */
final class JobSelection {

    private JobSelection() {
    }

    /** @throws IllegalArgumentException naming the PID, the key, the bad value and what to write instead */
    static BackupSelection parse(String pid, JobConfig config) {
        List<Path> excludeFiles = JobDefinition.split(config.exclude_file()).stream()
                .map(file -> JobDefinition.absolutePath(pid, "exclude.file", file)).toList();
        long largerThan = largerThan(pid, config.exclude_larger_than());
        String list = config.files_from();
        Path filesFrom = list == null || list.isBlank() ? null : JobDefinition.absolutePath(pid, "files.from",
                list.trim());
        try {
            return new BackupSelection(List.copyOf(JobDefinition.split(config.exclude())),
                    List.copyOf(JobDefinition.split(config.iexclude())), excludeFiles, config.exclude_caches(),
                    List.copyOf(JobDefinition.split(config.exclude_if_present())), largerThan,
                    config.one_file_system(), filesFrom);
        } catch (IllegalArgumentException e) { // the only value left unchecked: the tag file names
            throw JobDefinition.invalid(pid, "exclude.if.present", config.exclude_if_present(), e.getMessage());
        }
    }

    private static long largerThan(String pid, String size) {
        if (size == null || size.isBlank()) {
            return 0;
        }
        try {
            return ByteSizes.parse(size);
        } catch (IllegalArgumentException e) {
            throw JobDefinition.invalid(pid, "exclude.larger.than", size, e.getMessage());
        }
    }
}
