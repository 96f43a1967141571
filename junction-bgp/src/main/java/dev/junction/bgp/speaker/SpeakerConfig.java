package dev.junction.bgp.speaker;

import dev.junction.bgp.wire.Prefix;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole speaker.
 *
 * @param listen            where to accept connections, or null for no listener (every peer active only)
 * @param clusterId         CLUSTER_ID as a route reflector (RFC 4456 §7); null = the router id
 * @param originated        our own prefixes with their communities
 * @param alwaysCompareMed  compare MED across neighbouring ASes
 * @param defaultLocalPref  degree of preference for routes without LOCAL_PREF (RFC 4271 §9.1.1)
 */
public record SpeakerConfig(Inet4Address routerId, long asn, InetSocketAddress listen, Inet4Address clusterId,
                            List<PeerConfig> peers, List<Originated> originated, GracefulRestartConfig gracefulRestart,
                            boolean alwaysCompareMed, long defaultLocalPref) {
    /** A prefix we originate. */
    public record Originated(Prefix prefix, List<Long> communities) {
        public Originated {
            communities = List.copyOf(communities);
        }
    }

    public SpeakerConfig {
        peers = List.copyOf(peers);
        originated = List.copyOf(originated);
        if (asn <= 0 || asn > 0xFFFFFFFFL) throw new IllegalArgumentException("AS " + asn);
        Set<Object> seen = new HashSet<>();
        for (PeerConfig p : peers) {
            // The listener and the RIB find a peer by its address (RFC 4271 §8: one session per peer address).
            if (!seen.add(p.address())) throw new IllegalArgumentException("two peers with address " + p.address());
            if (!seen.add(p.name())) throw new IllegalArgumentException("two peers named " + p.name());
        }
    }

    public static SpeakerConfig of(Inet4Address routerId, long asn, InetSocketAddress listen, List<PeerConfig> peers) {
        return new SpeakerConfig(routerId, asn, listen, null, peers, List.of(), GracefulRestartConfig.DEFAULT, false, 100);
    }

    public Inet4Address effectiveClusterId() {
        return clusterId != null ? clusterId : routerId;
    }

    public SpeakerConfig withOriginated(List<Originated> o) {
        return new SpeakerConfig(routerId, asn, listen, clusterId, peers, o, gracefulRestart, alwaysCompareMed, defaultLocalPref);
    }

    public SpeakerConfig withGracefulRestart(GracefulRestartConfig gr) {
        return new SpeakerConfig(routerId, asn, listen, clusterId, peers, originated, gr, alwaysCompareMed, defaultLocalPref);
    }

    public SpeakerConfig withPeers(List<PeerConfig> p) {
        return new SpeakerConfig(routerId, asn, listen, clusterId, p, originated, gracefulRestart, alwaysCompareMed, defaultLocalPref);
    }

    public SpeakerConfig withClusterId(Inet4Address id) {
        return new SpeakerConfig(routerId, asn, listen, id, peers, originated, gracefulRestart, alwaysCompareMed, defaultLocalPref);
    }
}
