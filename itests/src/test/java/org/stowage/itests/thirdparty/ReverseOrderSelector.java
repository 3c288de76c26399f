package org.stowage.itests.thirdparty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.stowage.api.selector.NodeSelector;

/**
 * A third party's node selector, as simple as one can be: the candidates in reverse order. Packed into a bundle of
 * its own by {@link ThirdPartyBundle}; the tests install that bundle at runtime and use the selector by name.
 */
public final class ReverseOrderSelector implements NodeSelector {

    /** The name jobs and backups use. */
    public static final String NAME = "reverse-order";

    @Override
    public List<String> select(PlacementRequest request, List<Candidate> candidates) {
        List<String> ids = new ArrayList<>(candidates.stream().map(Candidate::id).toList());
        Collections.reverse(ids);
        return ids;
    }
}
