package org.stowage.api.staging;

import java.io.IOException;

/** The staging space cannot accept a blob; the writer must wait for a device or fail the job. */
public class StagingFullException extends IOException {

    private static final long serialVersionUID = 1L;

    public StagingFullException(String message) {
        super(message);
    }
}
