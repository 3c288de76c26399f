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

    @AttributeDefinition(name = "Warm-up", description = "What the service compiles before the first job when it "
            + "starts. crypto (default): the encryption path, under a second of one core; rehearsal: backup, restore "
            + "and check rehearsed on generated files below data/tmp (removed afterwards), about 15 CPU-s and 280 MiB "
            + "written at every start, for a first backup about a quarter faster; off: nothing. true and false mean "
            + "rehearsal and off (docs/footprint.md has the measurements)")
    String warmup() default "crypto";

    @AttributeDefinition(name = "Memory budget", description = "The most Stowage's running operations hold in "
            + "buffers at once, however many there are (e.g. 256m, 1g): each backup, restore and check is sized to "
            + "its share, and waits while less than it needs is free. The heap's base use (Karaf, the index) is "
            + "not in it (docs/footprint.md)")
    String memory_budget() default "256m";
}
