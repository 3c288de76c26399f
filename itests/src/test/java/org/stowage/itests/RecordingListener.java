package org.stowage.itests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.stowage.api.repository.Progress;
import org.stowage.api.repository.ProgressListener;

/** Keeps the items a backup warned about, in order. */
final class RecordingListener implements ProgressListener {

    private final List<String> warned = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void progress(Progress progress) {
    }

    @Override
    public void warning(String item, String message) {
        warned.add(item);
    }

    List<String> warnedItems() {
        return List.copyOf(warned);
    }
}
