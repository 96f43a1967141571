package dev.junction.bgp.wire;

import java.util.Set;

/**
 * What the session negotiated, as far as decoding depends on it.
 *
 * @param fourOctetAs      both sides advertised the 4-octet AS capability (RFC 6793 §4.1): AS_PATH and AGGREGATOR
 *                         carry 4-octet AS numbers, and AS4_PATH/AS4_AGGREGATOR are discarded
 * @param extendedMessages both sides advertised the Extended Message capability (RFC 8654 §4)
 * @param externalPeer     the peer is in another AS; RFC 7606 §7.5, §7.9, §7.10 discard LOCAL_PREF, ORIGINATOR_ID
 *                         and CLUSTER_LIST from external peers
 * @param multiprotocol    AFI/SAFIs negotiated with the Multiprotocol capability (RFC 4760 §8); MP_REACH_NLRI and
 *                         MP_UNREACH_NLRI for any other AFI/SAFI are discarded
 */
public record DecodeContext(boolean fourOctetAs, boolean extendedMessages, boolean externalPeer, Set<AfiSafi> multiprotocol) {
    public DecodeContext {
        multiprotocol = Set.copyOf(multiprotocol);
    }

    /** A context with IPv4 and IPv6 unicast negotiated. */
    public static DecodeContext of(boolean fourOctetAs, boolean externalPeer) {
        return new DecodeContext(fourOctetAs, false, externalPeer, Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST));
    }

    public DecodeContext withExtendedMessages(boolean enabled) {
        return new DecodeContext(fourOctetAs, enabled, externalPeer, multiprotocol);
    }

    public DecodeContext withMultiprotocol(Set<AfiSafi> families) {
        return new DecodeContext(fourOctetAs, extendedMessages, externalPeer, families);
    }
}
