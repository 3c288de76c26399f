package org.stowage.engine.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** {@code etc/org.stowage.repository.cfg}: where the repository lives and how it is opened. */
@ObjectClassDefinition(name = "Stowage repository",
        description = "The repository: its devices and how packs are placed on them, its password and, for a new "
                + "repository, its format.")
@interface RepositoryConfiguration {

    String PID = "org.stowage.repository";

    @AttributeDefinition(name = "Devices", description = "device.id of every device the repository is spread "
            + "over, comma-separated, in order of preference (e.g. local, flash1, vault, offsite). Metadata "
            + "(keys, config, index, snapshots) is kept on every random-access one, and on tapes after each job. "
            + "Empty: the one device named by 'device'")
    String devices() default "";

    @AttributeDefinition(name = "Device (single)", description = "device.id of the repository's only device, "
            + "when 'devices' is empty (the setting of earlier versions)")
    String device() default "local";

    @AttributeDefinition(name = "Node selector", description = "selector.name of the node selector that chooses "
            + "the devices of each pack (e.g. striped, fastest, copies, sequential-affinity); empty: the devices in "
            + "the order of 'devices'")
    String selector() default "";

    @AttributeDefinition(name = "Copies", description = "How many devices hold each pack (1 or more)")
    int copies() default 1;

    @AttributeDefinition(name = "Password file", description = "Absolute path of the file whose first line is "
            + "the repository password, e.g. ${karaf.etc}/stowage/repository.password; generated (owner-only) with "
            + "init=auto or stowage:init when missing. Keep it owner-readable only, outside ${karaf.data} (which "
            + "bin/karaf clean wipes), and keep a copy away from this host: without it no backup can be read")
    String password_file();

    @AttributeDefinition(name = "Initialization", description = "auto: create the repository (and, if "
            + "missing, a password file with a random password) when the home device holds none; manual: wait "
            + "for stowage:init",
            options = {@Option(label = "auto", value = "auto"), @Option(label = "manual", value = "manual")})
    String init() default "manual";

    @AttributeDefinition(name = "Smallest chunk", description = "Bytes; used when the repository is created")
    int chunk_min() default 512 * 1024;

    @AttributeDefinition(name = "Average chunk", description = "Bytes, a power of two; used at creation")
    int chunk_avg() default 1024 * 1024;

    @AttributeDefinition(name = "Largest chunk", description = "Bytes; used when the repository is created")
    int chunk_max() default 4 * 1024 * 1024;

    @AttributeDefinition(name = "Pack size", description = "Target pack size in bytes; used at creation")
    int pack_size() default 16 * 1024 * 1024;

    @AttributeDefinition(name = "Compression", description = "zstd level 1-19, or 0 for none; used at creation")
    int compression() default 3;

    @AttributeDefinition(name = "Warm-up", description = "true: when the service starts, rehearse backup and "
            + "restore on generated files (~40 MiB below data/tmp, removed afterwards; ~10 s of two cores) so that "
            + "the JIT has compiled them before the first job; false: the first job compiles as it goes")
    boolean warmup() default true;
}
