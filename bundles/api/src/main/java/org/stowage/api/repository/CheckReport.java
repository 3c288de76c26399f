package org.stowage.api.repository;

import java.util.List;

/**
 * What a check found.
 *
 * @param snapshots snapshots checked
 * @param packs     packs checked
 * @param blobs     blobs checked
 * @param bytesRead bytes read from devices (large with read-data)
 * @param errors    one line per problem: what is wrong and where; empty when the repository is sound
 */
public record CheckReport(int snapshots, long packs, long blobs, long bytesRead, List<String> errors) {

    public CheckReport {
        errors = List.copyOf(errors);
    }

    public boolean isOk() {
        return errors.isEmpty();
    }
}
