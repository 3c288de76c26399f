package org.stowage.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stowage.api.repository.RepositoryInfo;
import org.stowage.api.repository.RepositoryService;

/** Creates the repository. Prints its id and device only: the password is configuration and never shown. */
@Service
@Command(scope = "stowage", name = "init",
        description = "Creates the repository on its configured home device with the configured password.")
public class InitCommand extends StowageAction {

    @Reference(optional = true)
    RepositoryService repository;

    @Override
    void run() throws Exception {
        RepositoryInfo info = require(repository, RepositoryService.class).init();
        out.println("Created repository " + info.id() + " on device " + info.deviceId());
        if (info.state() != RepositoryInfo.State.READY) {
            out.println("State: " + info.state() + (info.reason().isEmpty() ? "" : " - " + info.reason()));
        }
        out.println("Keep the repository password safe: without it no backup can be read.");
    }
}
