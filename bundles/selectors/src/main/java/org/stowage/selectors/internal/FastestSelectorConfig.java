package org.stowage.selectors.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.stowage.selector.fastest.cfg}, optional: the fastest selector's moving average and revisits. */
@ObjectClassDefinition(name = "Stowage fastest selector",
        description = "Sends each pack to the device with the best simple moving average of its measured speeds.")
@interface FastestSelectorConfig {

    @AttributeDefinition(name = "Window", min = "1", description = "n: how many of a device's most recent "
            + "measured speeds (pack writes and probes) the simple moving average covers")
    int window() default Ranking.DEFAULT_WINDOW;

    @AttributeDefinition(name = "Revisit", min = "0", description = "Once every this many packs, the idle device "
            + "that received none for the longest time, longer than this many packs, gets one again to be measured "
            + "anew (a device that sped up is found); 0: never")
    int revisit() default FastestSelector.DEFAULT_REVISIT;
}
