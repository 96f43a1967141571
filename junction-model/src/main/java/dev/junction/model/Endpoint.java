package dev.junction.model;

import java.util.Set;

/**
 * One address of an EndpointSlice with its conditions.
 *
 * @param ready the ready condition (unset counts as true, as the API documents)
 * @param serving the serving condition (unset: same as ready)
 * @param terminating the terminating condition (unset counts as false)
 * @param nodeName the node hosting the endpoint, or empty
 * @param zone the endpoint's zone, or empty
 * @param zoneHints hints.forZones
 * @param nodeHints hints.forNodes
 */
public record Endpoint(
        Ip ip,
        boolean ready,
        boolean serving,
        boolean terminating,
        String nodeName,
        String zone,
        Set<String> zoneHints,
        Set<String> nodeHints) {

    public Endpoint {
        nodeName = nodeName == null ? "" : nodeName;
        zone = zone == null ? "" : zone;
        zoneHints = Set.copyOf(zoneHints);
        nodeHints = Set.copyOf(nodeHints);
    }

    /** A ready endpoint that is not terminating: the normal target of new connections. */
    public boolean usable() {
        return ready && !terminating;
    }

    /** Serving while terminating: used only when a set has no usable endpoint (KEP-1669). */
    public boolean fallback() {
        return serving && terminating;
    }
}
