package org.stowage.selectors.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.stowage.selector.striped.cfg}, optional: how the striped selector measures speed. */
@ObjectClassDefinition(name = "Stowage striped selector",
        description = "Spreads packs over the devices in proportion to their speed, so that all finish together.")
@interface StripedSelectorConfig {

    @AttributeDefinition(name = "Window", min = "1", description = "How many of a device's most recent measured "
            + "speeds (pack writes and probes) the moving average covers")
    int window() default Ranking.DEFAULT_WINDOW;
}
