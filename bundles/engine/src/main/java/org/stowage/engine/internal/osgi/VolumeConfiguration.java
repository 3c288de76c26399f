package org.stowage.engine.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.stowage.volume-<name>.cfg}: one volume (an image file or a block device) backed up in blocks. */
@ObjectClassDefinition(name = "Stowage volume", description = "A block device, disk image or large file backed up"
        + " in fixed-size blocks with a block-state record (docs/volumes.md).")
@interface VolumeConfiguration {

    String PID = "org.stowage.volume";

    @AttributeDefinition(name = "Name", description = "The volume's name: 1-64 of a-z 0-9 . _ -; its snapshots have"
            + " the path volume:<name>")
    String name();

    @AttributeDefinition(name = "Path", description = "Absolute path of the image file or block device")
    String path();

    @AttributeDefinition(name = "Block size", description = "Bytes per block, a power of two from 4k to 4m"
            + " (e.g. 64k, the default). Changing it makes the next backup read and store every block")
    String block_size() default "64k";

    @AttributeDefinition(name = "Export at start", description = "true: export the volume over NBD as soon as it is"
            + " configured, and track its writes")
    boolean export() default false;

    @AttributeDefinition(name = "Export address", description = "Address the NBD export listens on. Anyone who"
            + " reaches it can read and write the volume: keep it on loopback unless a trusted network needs it")
    String export_address() default "127.0.0.1";

    @AttributeDefinition(name = "Export port", description = "TCP port of the NBD export (10809 is NBD's port);"
            + " volumes on the same address and port share one server and are told apart by export name")
    int export_port() default 10809;
}
