package org.stowage.engine.internal.osgi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.volume.VolumeBackupResult;
import org.stowage.api.volume.VolumeBlocks;
import org.stowage.api.volume.VolumeInfo;
import org.stowage.api.volume.VolumeService;
import org.stowage.engine.internal.facade.EngineVolumeService;

/**
 * {@link VolumeService} over the repository component's open repository: picks up every configured volume
 * ({@link VolumeComponent}, whiteboard), exports those configured with {@code export = true}, and when it stops
 * (Karaf stopping, the repository's configuration changing) ends every export, which checkpoints its tracking, so a
 * restart loses no write. The tracking lives below {@code ${karaf.data}/stowage/volumes}.
 */
@Component(immediate = true, service = VolumeService.class)
public final class VolumesComponent implements VolumeService {

    private static final Logger LOG = LoggerFactory.getLogger(VolumesComponent.class);

    private final EngineVolumeService volumes;

    @Activate
    public VolumesComponent(@Reference RepositoryComponent repository) {
        this.volumes = new EngineVolumeService(repository::openRepository, stateRoot());
    }

    /** Karaf's {@code data/stowage/volumes}; below the working directory elsewhere. */
    private static Path stateRoot() {
        String karafData = System.getProperty("karaf.data");
        return (karafData != null ? Path.of(karafData) : Path.of(System.getProperty("user.dir"), "data"))
                .resolve("stowage").resolve("volumes");
    }

    /** A configured volume arrived: offered from now on, and exported if its configuration says so. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindVolume(VolumeComponent volume) {
        volumes.add(volume.definition());
        if (volume.exportAtStart()) {
            try {
                LOG.info("volume '{}' exported at nbd://{}", volume.definition().name(),
                        volumes.export(volume.definition().name()));
            } catch (RuntimeException e) {
                LOG.error("volume '{}' could not be exported: {}", volume.definition().name(), e.getMessage(), e);
            }
        }
    }

    void unbindVolume(VolumeComponent volume) {
        try {
            volumes.remove(volume.definition().name());
        } catch (IOException e) {
            LOG.warn("ending the export of removed volume '{}' failed: {}", volume.definition().name(), e.toString());
        }
    }

    @Deactivate
    void deactivate() {
        try {
            volumes.close();
        } catch (IOException e) {
            LOG.warn("ending the volume exports failed: {}; their next backups compare hashes where the tracking"
                    + " could not be saved", e.toString());
        }
    }

    @Override
    public List<VolumeInfo> volumes() {
        return volumes.volumes();
    }

    @Override
    public VolumeBlocks blocks(String volume) {
        return volumes.blocks(volume);
    }

    @Override
    public String export(String volume) {
        return volumes.export(volume);
    }

    @Override
    public void unexport(String volume) {
        volumes.unexport(volume);
    }

    @Override
    public VolumeBackupResult backup(String volume, boolean full, Set<String> tags, ProgressListener listener) {
        return volumes.backup(volume, full, tags, listener);
    }

    @Override
    public long[] restore(String volume, String snapshot, Path target) {
        return volumes.restore(volume, snapshot, target);
    }
}
