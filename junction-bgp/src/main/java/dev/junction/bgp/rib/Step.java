package dev.junction.bgp.rib;

/** The steps of the decision process, in order (RFC 4271 §9.1.1, §9.1.2.2; RFC 4456 §9; RFC 5004). */
public enum Step {
    /** Highest degree of preference: LOCAL_PREF, or the default for routes without one (RFC 4271 §9.1.1). */
    LOCAL_PREF,
    /** Shortest AS_PATH (RFC 4271 §9.1.2.2 (a)). */
    AS_PATH_LENGTH,
    /** Lowest ORIGIN: IGP before EGP before INCOMPLETE (§9.1.2.2 (b)). */
    ORIGIN,
    /** Lowest MULTI_EXIT_DISC among routes from the same neighbouring AS (§9.1.2.2 (c)). */
    MED,
    /** Routes from external peers (and our own) before routes from internal peers (§9.1.2.2 (d)). */
    EXTERNAL_OVER_INTERNAL,
    /** Lowest interior cost to the next hop (§9.1.2.2 (e)). */
    IGP_COST,
    /** The external route received first (RFC 5004 §2), when enabled. */
    OLDEST_EXTERNAL,
    /** Lowest BGP Identifier, or ORIGINATOR_ID for a reflected route (§9.1.2.2 (f), RFC 4456 §9). */
    ROUTER_ID,
    /** Shortest CLUSTER_LIST (RFC 4456 §9, between (f) and (g)). */
    CLUSTER_LIST_LENGTH,
    /** Lowest peer address (§9.1.2.2 (g)). */
    NEIGHBOR_ADDRESS
}
