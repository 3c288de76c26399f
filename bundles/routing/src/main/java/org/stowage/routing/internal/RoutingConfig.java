package org.stowage.routing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The routing's own settings: {@code etc/org.stowage.routing.cfg}, PID {@value RoutingComponent#PID}; optional, every
 * key has a default. Durations are a whole number with a unit: {@code ms}, {@code s}, {@code m} or {@code h}.
 */
@ObjectClassDefinition(name = "Stowage routing",
        description = "How often the device status and probe routes run, how much test data a probe moves, where "
                + "route files are read from, and what of Stowage's CamelContext JMX shows.")
@interface RoutingConfig {

    @AttributeDefinition(description = "How often every device's status is polled; each change of state "
            + "(IDLE, BUSY, OFFLINE) is published once. At least 100ms.", required = false)
    String status_interval() default "1s";

    @AttributeDefinition(description = "How often every IDLE device is probed with test data it does not keep, to "
            + "measure its speed for the node selectors; 0 turns probes off.", required = false)
    String probe_interval() default "5m";

    @AttributeDefinition(description = "How long after start the first probe runs.", required = false)
    String probe_delay() default "30s";

    @AttributeDefinition(description = "Bytes of test data per probe (k/m suffixes), 64k to 256m.",
            required = false)
    String probe_size() default "4m";

    @AttributeDefinition(description = "The folder of route files (Camel YAML DSL .yaml/.yml, XML DSL .xml) that "
            + "run on Stowage's CamelContext; empty for ${karaf.etc}/stowage-routes. Created if missing.",
            required = false)
    String routes_folder() default "";

    @AttributeDefinition(description = "How often the route folder is scanned for new, changed and deleted files; "
            + "0 turns route files off.", required = false)
    String routes_interval() default "2s";

    @AttributeDefinition(description = "Which parts of Stowage's CamelContext are JMX MBeans: off, context (the "
            + "context, its components and services), routes (also every route, endpoint and thread pool, with "
            + "statistics) or all (also every step of every route). Each level costs the host memory.",
            required = false)
    String camel_jmx() default "off";
}
