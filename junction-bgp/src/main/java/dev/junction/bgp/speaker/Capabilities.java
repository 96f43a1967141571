package dev.junction.bgp.speaker;

import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Capability;
import dev.junction.bgp.wire.Capability.GracefulRestart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What our OPEN advertises to a peer (RFC 5492). */
final class Capabilities {
    private Capabilities() {
    }

    /**
     * Multiprotocol per family (RFC 4760 §8), Route Refresh (RFC 2918), 4-octet AS (RFC 6793), Extended Messages
     * (RFC 8654), and Graceful Restart (RFC 4724 §3) with the N bit (RFC 8538 §2); the R bit while
     * {@code restarting}, the F bit per family if forwarding state survived.
     */
    static List<Capability> forPeer(SpeakerConfig speaker, PeerConfig peer, boolean restarting) {
        List<Capability> caps = new ArrayList<>();
        List<AfiSafi> families = peer.families().stream()
                .sorted(Comparator.comparingInt(AfiSafi::afi).thenComparingInt(AfiSafi::safi)).toList();
        for (AfiSafi f : families) caps.add(new Capability.Multiprotocol(f));
        caps.add(new Capability.RouteRefreshCapability());
        caps.add(new Capability.FourOctetAs(speaker.asn()));
        caps.add(new Capability.ExtendedMessageCapability());
        GracefulRestartConfig gr = speaker.gracefulRestart();
        if (gr.enabled()) {
            int flags = GracefulRestart.NOTIFICATION | (restarting ? GracefulRestart.RESTART_STATE : 0);
            caps.add(new GracefulRestart(flags, gr.restartTime(),
                    families.stream().map(f -> GracefulRestart.Family.of(f, gr.forwardingPreserved())).toList()));
        }
        return caps;
    }
}
