package dev.junction.bgp.fsm;

import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Capability;
import dev.junction.bgp.wire.Capability.GracefulRestart;
import dev.junction.bgp.wire.DecodeContext;
import dev.junction.bgp.wire.EncodeContext;
import dev.junction.bgp.wire.Open;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the two OPENs of a session agreed on (RFC 5492 §3: a capability is in effect only if both sides advertised
 * it). Feeds the wire layer's {@link DecodeContext} and {@link EncodeContext}.
 *
 * @param holdTime  the smaller of both Hold Times; 0 disables the Hold and Keepalive timers (RFC 4271 §4.2)
 * @param keepalive a third of the Hold Time (RFC 4271 §4.4, §10), or the configured interval if shorter; zero if
 *                  the Hold Time is zero
 * @param families  the AFI/SAFIs both advertised (RFC 4760 §8); a side with no Multiprotocol capability counts as
 *                  IPv4 unicast only, the RFC 4271 default
 */
public record Negotiated(Open local, Open peer, boolean external, int holdTime, Duration keepalive,
                         boolean fourOctetAs, boolean extendedMessages, Set<AfiSafi> families, boolean routeRefresh,
                         Optional<GracefulRestart> localGracefulRestart, Optional<GracefulRestart> peerGracefulRestart) {
    public Negotiated {
        families = Set.copyOf(families);
    }

    public static Negotiated of(Open local, Open peer, FsmConfig config) {
        int hold = Math.min(local.holdTime(), peer.holdTime());
        Duration keepalive = Duration.ofMillis(hold * 1000L / 3);
        if (hold > 0 && config.keepaliveTime() > 0 && config.keepaliveTime() * 1000L < keepalive.toMillis()) {
            keepalive = Duration.ofSeconds(config.keepaliveTime());
        }
        Set<AfiSafi> families = new LinkedHashSet<>(familiesOf(local));
        families.retainAll(familiesOf(peer));
        boolean refresh = has(local, Capability.RouteRefreshCapability.class) && has(peer, Capability.RouteRefreshCapability.class);
        return new Negotiated(local, peer, !config.internal(), hold, keepalive,
                has(local, Capability.FourOctetAs.class) && has(peer, Capability.FourOctetAs.class),
                has(local, Capability.ExtendedMessageCapability.class) && has(peer, Capability.ExtendedMessageCapability.class),
                families, refresh, local.capability(GracefulRestart.class), peer.capability(GracefulRestart.class));
    }

    private static List<AfiSafi> familiesOf(Open open) {
        List<AfiSafi> mp = open.multiprotocol();
        return mp.isEmpty() ? List.of(AfiSafi.IPV4_UNICAST) : mp;
    }

    private static boolean has(Open open, Class<? extends Capability> kind) {
        return open.capability(kind).isPresent();
    }

    public DecodeContext decodeContext() {
        return new DecodeContext(fourOctetAs, extendedMessages, external, families);
    }

    public EncodeContext encodeContext() {
        return new EncodeContext(fourOctetAs, extendedMessages);
    }

    public long peerAsn() {
        return peer.asNumber();
    }

    public Inet4Address peerId() {
        return peer.bgpId();
    }

    /** Both sides set the N bit: NOTIFICATIONs other than Hard Reset keep graceful restart going (RFC 8538 §2, §4). */
    public boolean gracefulNotification() {
        return localGracefulRestart.map(GracefulRestart::notification).orElse(false)
                && peerGracefulRestart.map(GracefulRestart::notification).orElse(false);
    }

    /**
     * The families whose routes we keep as stale if the peer restarts: those in its Graceful Restart capability that
     * the session carries (RFC 4724 §4.2).
     */
    public Set<AfiSafi> helperFamilies() {
        Set<AfiSafi> out = new LinkedHashSet<>();
        peerGracefulRestart.ifPresent(gr -> gr.families().forEach(f -> {
            if (families.contains(f.family())) out.add(f.family());
        }));
        return out;
    }
}
