package org.stowage.device.tape.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of one tape device: one factory configuration per device, e.g.
 * {@code etc/org.stowage.device.tape-vault.cfg}. Keys are named after the service properties they become
 * ({@code device_id()} is key {@code device.id}).
 */
@ObjectClassDefinition(name = "Stowage tape device",
        description = "A tape library (virtual, file-backed) or an LTFS volume that stores backup blobs append-only.")
@interface TapeDeviceConfig {

    @AttributeDefinition(name = "Device id", description = "Unique id: 1-64 characters of a-z, 0-9, '-' and '_'.")
    String device_id();

    @AttributeDefinition(name = "Kind", description = "Always TAPE.", options = @Option(label = "Tape", value = "TAPE"))
    String device_kind() default "TAPE";

    @AttributeDefinition(name = "Access", description = "Always SEQUENTIAL.",
            options = @Option(label = "Sequential", value = "SEQUENTIAL"))
    String device_access() default "SEQUENTIAL";

    @AttributeDefinition(name = "Backend", description = "virtual: a folder with one file per cartridge; ltfs: the "
            + "mount point of an LTFS-formatted tape.",
            options = {@Option(label = "Virtual library", value = "virtual"), @Option(label = "LTFS", value = "ltfs")})
    String backend() default "virtual";

    @AttributeDefinition(name = "Path", description = "Absolute path of the library folder (virtual) or of the "
            + "LTFS mount point (ltfs).")
    String path();

    @AttributeDefinition(name = "Create", description = "virtual: create the library folder when missing and label "
            + "empty slots on first use; ltfs: label an empty volume.")
    boolean create() default false;

    @AttributeDefinition(name = "Slots", description = "virtual: number of cartridges in the library (1-9999).")
    int slots() default 8;

    @AttributeDefinition(name = "Label prefix", description = "Cartridge labels are the prefix and the slot number, "
            + "e.g. L00001 (1-3 letters A-Z).")
    String label_prefix() default "L";

    @AttributeDefinition(name = "Cartridge capacity", description = "Bytes one cartridge holds: a number with k, m, "
            + "g or t (powers of 1024), e.g. 10g.")
    String cartridge_capacity() default "10g";

    @AttributeDefinition(name = "Capacity", description = "Limit of bytes written to the whole device: 0 for none.")
    String capacity() default "0";

    @AttributeDefinition(name = "Rate", description = "Streaming rate in MiB/s (virtual); 0 for unthrottled.")
    double rate() default 0;

    @AttributeDefinition(name = "Locate time", description = "Fixed cost of a locate in milliseconds (virtual).")
    long locate_time() default 0;

    @AttributeDefinition(name = "Locate rate", description = "Tape speed while locating or rewinding, in MiB/s; "
            + "0 for instant (virtual).")
    double locate_rate() default 0;

    @AttributeDefinition(name = "Load time", description = "Milliseconds to load a cartridge (virtual).")
    long load_time() default 0;

    @AttributeDefinition(name = "Rewind time", description = "Fixed cost of a rewind in milliseconds (virtual).")
    long rewind_time() default 0;

    @AttributeDefinition(name = "Read-through", description = "A read target at most this far ahead is reached by "
            + "reading on instead of locating, e.g. 4m.")
    String read_through() default "4m";

    @AttributeDefinition(name = "Catalog every", description = "Blobs between two copies of a cartridge's catalog "
            + "on the cartridge (it is also written at end of medium and end of session).")
    int catalog_every() default 64;

    @AttributeDefinition(name = "Busy windows", description = "Daily periods in which the device reports BUSY, "
            + "local time: HH:mm-HH:mm, several separated by commas. Empty for none.")
    String busy_windows() default "";
}
