/**
 * Building blocks for placements: {@link org.stowage.api.placement.support.PlacementPlanner} orders the devices for
 * a pack the same way in every placement.
 */
@Export
@Version("1.0.0")
package org.stowage.api.placement.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
