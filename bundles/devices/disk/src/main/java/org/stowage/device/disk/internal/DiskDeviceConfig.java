package org.stowage.device.disk.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of one disk or flash device: one factory configuration per device, e.g.
 * {@code etc/org.stowage.device.disk-local.cfg}. Keys are named after the service properties they become
 * ({@code device_id()} is key {@code device.id}), so consumers filter on them directly.
 */
@ObjectClassDefinition(name = "Stowage disk device",
        description = "A directory on a local disk or flash file system that stores backup blobs.")
@interface DiskDeviceConfig {

    @AttributeDefinition(name = "Device id",
            description = "Unique id: 1-64 characters of a-z, 0-9, '-' and '_' (e.g. local).")
    String device_id();

    @AttributeDefinition(name = "Kind", description = "DISK or FLASH; sets the default of max.in.flight.",
            options = {@Option(label = "Disk", value = "DISK"), @Option(label = "Flash", value = "FLASH")})
    String device_kind() default "DISK";

    @AttributeDefinition(name = "Access", description = "How the medium is written; disks are RANDOM.",
            options = {@Option(label = "Random", value = "RANDOM")})
    String device_access() default "RANDOM";

    @AttributeDefinition(name = "Path",
            description = "Absolute path of the root folder. Unless 'create' is set it must exist, so that an "
                    + "unmounted disk shows as offline instead of filling its mount point.")
    String path();

    @AttributeDefinition(name = "Create",
            description = "Create the root folder when it is missing. Leave false for removable or mounted disks; "
                    + "the embedded default device under ${karaf.data} sets it.")
    boolean create() default false;

    @AttributeDefinition(name = "Capacity",
            description = "Limit of stored bytes: 0 for none, or a number with k, m, g or t (powers of 1024).")
    String capacity() default "0";

    @AttributeDefinition(name = "Max in flight",
            description = "Operations in flight above which the device reports BUSY; 0 = the kind's default "
                    + "(DISK 2, FLASH 8).", min = "0")
    int max_in_flight() default 0;

    @AttributeDefinition(name = "Busy windows",
            description = "Daily periods in which the device reports BUSY, in the local time zone: HH:mm-HH:mm, "
                    + "several separated by commas, e.g. 01:00-03:00,22:30-23:00 (a window may run over midnight). "
                    + "Empty for none.")
    String busy_windows() default "";

    @AttributeDefinition(name = "Staging size",
            description = "Space a writer keeps in front of this device for bursts: a number with k, m, g or t "
                    + "(powers of 1024); empty = the kind's default (DISK 256m, FLASH 64m).")
    String staging_size() default "";

    @AttributeDefinition(name = "Selector weight",
            description = "Relative share of new data among devices that can take it, 1 or more; 0 = the kind's "
                    + "default (DISK 1, FLASH 4).", min = "0")
    int selector_weight() default 0;
}
