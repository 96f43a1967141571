package dev.junction.bgp.rib;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * Loop checks on received routes, before import policy. A route that fails is excluded: handled as a withdraw of
 * whatever the peer announced before for the prefix.
 */
public final class ImportChecks {
    private ImportChecks() {
    }

    /** Why the route is a loop, or empty. */
    public static Optional<String> loop(RouteAttributes a, long localAsn, Inet4Address routerId, Inet4Address clusterId) {
        // RFC 4271 §9.1.2: "If the AS_PATH attribute of a BGP route contains an AS loop, the BGP route should be
        // excluded from the Phase 2 decision function."
        if (a.pathContains(localAsn)) return Optional.of("AS_PATH contains our AS " + localAsn + " (RFC 4271 §9.1.2)");
        // RFC 4456 §8: "A router that recognizes the ORIGINATOR_ID attribute SHOULD ignore a route received with
        // its BGP Identifier as the ORIGINATOR_ID."
        if (routerId.equals(a.originatorId())) return Optional.of("ORIGINATOR_ID is our router id (RFC 4456 §8)");
        // RFC 4456 §8: "If the local CLUSTER_ID is found in the CLUSTER_LIST, the advertisement received SHOULD be
        // ignored."
        if (a.clusterList().contains(clusterId)) return Optional.of("CLUSTER_LIST contains our cluster id (RFC 4456 §8)");
        return Optional.empty();
    }
}
