package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.stowage.api.volume.VolumeInfo;
import org.stowage.api.volume.VolumeService;

/** Completes the names of the configured volumes. */
@Service
public class VolumeNameCompleter implements Completer {

    @Reference(optional = true)
    VolumeService volumeService;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        if (volumeService != null) {
            volumeService.volumes().stream().map(VolumeInfo::name).forEach(strings.getStrings()::add);
        }
        return strings.complete(session, commandLine, candidates);
    }
}
