package org.stowage.routing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One backup job: {@code etc/org.stowage.job-<name>.cfg}, factory PID {@value JobComponent#PID}. */
@ObjectClassDefinition(name = "Stowage backup job",
        description = "A scheduled backup of some paths, optionally followed by retention (forget, then prune).")
@interface JobConfig {

    @AttributeDefinition(description = "Job name: letters, digits, '-' and '_'; unique; becomes tag job:<name>.")
    String name();

    @AttributeDefinition(description = "Comma-separated absolute paths to back up.")
    String paths();

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
}
