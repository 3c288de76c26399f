package org.stowage.engine.internal.index;

import java.io.IOException;
import java.util.Map;

/** Every pack on the repository's devices: pack id to the ids of the devices that hold it, with its size there. */
@FunctionalInterface
public interface PackListing {

    Map<String, Map<String, Long>> listPacks() throws IOException;
}
