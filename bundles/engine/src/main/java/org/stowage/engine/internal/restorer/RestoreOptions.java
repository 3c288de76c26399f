package org.stowage.engine.internal.restorer;

import java.util.List;

import org.stowage.api.repository.RestoreRequest.Overwrite;
import org.stowage.engine.internal.selection.ExcludeRules;

/**
 * How a restore selects and writes, beyond the snapshot and target.
 *
 * @param includes  paths inside the snapshot to restore with everything below them; empty for all
 * @param excludes  entries not to restore, by their path inside the snapshot (the backup selection's matcher; an
 *                  excluded directory is not entered)
 * @param overwrite what to do where the target already has an entry
 * @param verify    read every restored file back and compare it with the snapshot's content ids
 */
public record RestoreOptions(List<String> includes, ExcludeRules excludes, Overwrite overwrite, boolean verify) {

    public RestoreOptions {
        includes = List.copyOf(includes);
    }

    /** All of {@code includes}, replacing what exists, without reading back (the restore before api 1.6). */
    public static RestoreOptions of(List<String> includes) {
        return new RestoreOptions(includes, ExcludeRules.NONE, Overwrite.ALWAYS, false);
    }
}
