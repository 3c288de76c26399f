package org.stowage.routing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One backup job: {@code etc/org.stowage.job-<name>.cfg}, factory PID {@value JobComponent#PID}. */
@ObjectClassDefinition(name = "Stowage backup job",
        description = "A scheduled backup of some paths, optionally followed by retention (forget, then prune).")
@interface JobConfig {

    @AttributeDefinition(description = "Job name: letters, digits, '-' and '_'; unique; becomes tag job:<name>.")
    String name();

    @AttributeDefinition(description = "Comma-separated absolute paths to back up; may be empty when files.from "
            + "lists them.", required = false)
    String paths() default "";

    @AttributeDefinition(description = "Name of a configured volume (etc/org.stowage.volume-<name>.cfg) that this job"
            + " backs up in blocks instead of paths: tracked if exported, else by hash comparison.", required = false)
    String volume() default "";

    @AttributeDefinition(description = "Quartz cron expression: seconds minutes hours day-of-month month "
            + "day-of-week [year], e.g. '0 0 2 * * ?' for 02:00 every day.")
    String schedule();

    @AttributeDefinition(description = "Comma-separated tags recorded in each snapshot.", required = false)
    String tags() default "";

    @AttributeDefinition(description = "Retention applied after each successful run, e.g. 'last=7,daily=14'; "
            + "empty for none.", required = false)
    String retention() default "";

    @AttributeDefinition(description = "Prune unreferenced data after retention.", required = false)
    boolean prune() default false;

    @AttributeDefinition(description = "Run on the schedule; a disabled job can still be run by hand.",
            required = false)
    boolean enabled() default true;

    @AttributeDefinition(description = "Comma-separated device.id values, some of the repository's devices, that "
            + "this job's packs may go to; empty for all of the repository's.", required = false)
    String devices() default "";

    @AttributeDefinition(description = "selector.name of the node selector for this job's packs; empty for the "
            + "repository's.", required = false)
    String selector() default "";

    @AttributeDefinition(description = "How many devices hold each of this job's packs; 0 for the repository's "
            + "number.", required = false)
    int copies() default 0;

    @AttributeDefinition(description = "Comma-separated device.id values to copy each run's snapshot to after the "
            + "backup (an offsite or tape copy); empty for none.", required = false)
    String copy_to() default "";

    @AttributeDefinition(description = "With copy.to: move the run's data there (remove it from the other "
            + "devices) instead of copying.", required = false)
    boolean copy_move() default false;

    @AttributeDefinition(description = "Comma-separated gitignore-style patterns of what to leave out, e.g. "
            + "'*.tmp, /home/*/.cache/, !keep.tmp'; the last matching pattern decides (docs/selection.md). A pattern "
            + "with a comma goes into exclude.file.", required = false)
    String exclude() default "";

    @AttributeDefinition(description = "As exclude, matched without regard to case.", required = false)
    String iexclude() default "";

    @AttributeDefinition(description = "Comma-separated absolute paths of files of exclude patterns, one per line "
            + "('#' comments).", required = false)
    String exclude_file() default "";

    @AttributeDefinition(description = "Leave out the content of folders tagged with a CACHEDIR.TAG file.",
            required = false)
    boolean exclude_caches() default false;

    @AttributeDefinition(description = "Comma-separated file names: a folder holding one of them is left out.",
            required = false)
    String exclude_if_present() default "";

    @AttributeDefinition(description = "Leave out files larger than this, e.g. 500m or 2g; empty or 0 for no limit.",
            required = false)
    String exclude_larger_than() default "";

    @AttributeDefinition(description = "Stay on the file system of each path (mount points are kept empty).",
            required = false)
    boolean one_file_system() default false;

    @AttributeDefinition(description = "Absolute path of a file listing more paths to back up, one per line.",
            required = false)
    String files_from() default "";

    @AttributeDefinition(description = "Comma-separated absolute paths where the job's one path is mounted (the same "
            + "tree at several places), in order of preference: each run reads from the first it can list and, when "
            + "that one fails, goes on from the next where it stopped; snapshots record 'paths' as their path.",
            required = false)
    String replicas() default "";
}
