package org.stowage.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/org.stowage.web.cfg: optional; without it nobody may restore from the web (no allowed roots). */
@ObjectClassDefinition(name = "Stowage web console and REST API",
        description = "Login, sessions and restore targets of /stowage/ and /stowage/api/.")
@interface WebConfig {

    @AttributeDefinition(description = "Comma-separated absolute folders below which the API may restore; empty: "
            + "restores from the web are refused.", required = false)
    String restore_roots() default "";

    @AttributeDefinition(description = "Minutes without a request after which a console session ends.",
            required = false, min = "1")
    int session_idle_minutes() default 30;

    @AttributeDefinition(description = "The Karaf JAAS realm that checks user names and passwords.",
            required = false)
    String realm() default "karaf";

    @AttributeDefinition(description = "Seconds between two samples of every device's status for the charts.",
            required = false, min = "1")
    int sample_seconds() default 5;
}
