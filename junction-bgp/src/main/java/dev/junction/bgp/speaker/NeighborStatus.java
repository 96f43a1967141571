package dev.junction.bgp.speaker;

import dev.junction.bgp.fsm.State;
import dev.junction.bgp.wire.AfiSafi;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator asks of one neighbour (the rows of {@code junction bgp neighbors}).
 *
 * @param since       when the session last reached Established, or went down (empty if it never did either)
 * @param peerRouterId the BGP Identifier from the peer's OPEN, while Established
 * @param holdTime    negotiated Hold Time in seconds, while Established
 * @param families    negotiated address families, while Established
 * @param received    prefixes in the Adj-RIB-In (after import policy), stale ones included
 * @param stale       prefixes kept as stale during the peer's graceful restart
 * @param best        prefixes for which this peer's path is the best one
 * @param advertised  prefixes in the Adj-RIB-Out
 * @param lastDown    why the session last went down, e.g. "NOTIFICATION_RECEIVED: Cease/Administrative Shutdown"
 */
public record NeighborStatus(String name, InetAddress address, int port, long asn, boolean routeReflectorClient,
                             boolean passwordSet, State state, Optional<Instant> since, Optional<InetAddress> peerRouterId,
                             int holdTime, Set<AfiSafi> families, int received, int stale, int best, int advertised,
                             Optional<String> lastDown) {
    public NeighborStatus {
        families = Set.copyOf(families);
    }
}
