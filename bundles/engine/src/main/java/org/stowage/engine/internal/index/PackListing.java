package org.stowage.engine.internal.index;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The packs on the repository's devices, and which devices a listing covers. */
public interface PackListing {

    /** The ids of the devices {@link #listPacks} lists now: the online ones. */
    List<String> devices();

    /** Every pack on those devices: pack id to the ids of the devices that hold it, with its size there. */
    Map<String, Map<String, Long>> listPacks() throws IOException;
}
