package org.stowage.engine.internal.facade;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.stowage.api.repository.KeyService;
import org.stowage.api.repository.RepositoryKeyInfo;
import org.stowage.engine.internal.crypto.PasswordFile;
import org.stowage.engine.internal.repo.Repository;

/** {@link KeyService} on the engine: the key files of the open repository's device. Thread-safe. */
public final class EngineKeyService implements KeyService {

    private final RepositoryAccess access;

    public EngineKeyService(Supplier<Repository> repository) {
        this.access = new RepositoryAccess(repository);
    }

    @Override
    public List<RepositoryKeyInfo> keys() {
        return access.call("listing the repository's keys", repo -> repo.administration().keys().list());
    }

    @Override
    public RepositoryKeyInfo addKey(Path passwordFile) {
        return access.call("adding a key with the password in " + passwordFile, repo -> {
            char[] password = PasswordFile.ofNewKey(passwordFile).read();
            try {
                return repo.administration().keys().add(password);
            } finally {
                Arrays.fill(password, '\0');
            }
        });
    }

    @Override
    public RepositoryKeyInfo removeKey(String id) {
        return access.call("removing key " + id, repo -> repo.administration().keys().remove(id));
    }
}
