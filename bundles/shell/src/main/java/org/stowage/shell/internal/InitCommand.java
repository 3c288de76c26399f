package org.stowage.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stowage.api.repository.RepositoryInfo;
import org.stowage.api.repository.RepositoryService;

/**
 * Creates the repository. Prints its id, device and password file, loudly asks for a copy of that file elsewhere,
 * and passes on what to fix (e.g. a password file others can read). The password itself is never shown.
 */
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
        String where = info.passwordFile() == null ? "the file named by password.file in "
                + "etc/org.stowage.repository.cfg" : info.passwordFile();
        out.println("The repository password is in " + where + ".");
        out.println("KEEP A COPY OF THAT FILE AWAY FROM THIS HOST (a password manager, a safe): without it no backup "
                + "can be read, and a lost or reinstalled host takes it along.");
        for (String warning : info.warnings()) {
            out.println("WARNING: " + warning);
        }
    }
}
