package org.stowage.selectors.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.stowage.selector.sequential-affinity.cfg}, optional: how many streams the selector remembers. */
@ObjectClassDefinition(name = "Stowage sequential-affinity selector",
        description = "Keeps each stream of packs on one sequential device (tape) for long contiguous runs.")
@interface SequentialAffinitySelectorConfig {

    @AttributeDefinition(name = "Streams remembered", min = "1", description = "How many streams keep their "
            + "device; beyond that the least recently used stream is forgotten")
    int max_streams() default SequentialAffinitySelector.DEFAULT_MAX_STREAMS;
}
