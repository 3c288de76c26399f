package org.stowage.engine.internal.osgi;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.stowage.api.device.support.ByteSizes;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.volume.VolumeDefinition;

/**
 * One configured volume, validated when its configuration arrives; the repository component picks every one up
 * (whiteboard) and offers it through {@link org.stowage.api.volume.VolumeService}.
 */
@Component(configurationPid = VolumeConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = VolumeComponent.class)
@Designate(ocd = VolumeConfiguration.class, factory = true)
public final class VolumeComponent {

    private final VolumeDefinition definition;
    private final boolean exportAtStart;

    @Activate
    public VolumeComponent(VolumeConfiguration config) {
        String pid = VolumeConfiguration.PID + " (volume '" + config.name() + "')";
        try {
            long blockSize = ByteSizes.parse(config.block_size());
            this.definition = new VolumeDefinition(config.name(), config.path() == null ? null
                    : Path.of(config.path()), (int) Math.min(Integer.MAX_VALUE, blockSize),
                    new InetSocketAddress(config.export_address(), config.export_port()));
        } catch (IllegalArgumentException e) {
            throw new StowageException("configuration " + pid + " is invalid: " + e.getMessage()
                    + " (keys name, path, block.size, export.address, export.port)", e);
        }
        this.exportAtStart = config.export();
    }

    VolumeDefinition definition() {
        return definition;
    }

    boolean exportAtStart() {
        return exportAtStart;
    }
}
