package dev.junction.bgp.fsm;

import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Capability;
import dev.junction.bgp.wire.Capability.GracefulRestart;
import dev.junction.bgp.wire.ErrorCodes;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.Open;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Capability negotiation (RFC 5492 §3, RFC 4760 §8, RFC 6793, RFC 8654) and the graceful-restart retention rule. */
@Tag("unit")
class NegotiatedTest {
    private static final Inet4Address ID = Inet4Address.ofLiteral("10.0.0.1");
    private static final FsmConfig CONFIG = FsmConfig.of(64512, Inet4Address.ofLiteral("10.0.0.2"), 64512, List.of());
    private static final Capability.Multiprotocol V4 = new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST);
    private static final Capability.Multiprotocol V6 = new Capability.Multiprotocol(AfiSafi.IPV6_UNICAST);

    private static GracefulRestart gr(boolean n) {
        return new GracefulRestart(n ? GracefulRestart.NOTIFICATION : 0, 120, List.of(GracefulRestart.Family.of(AfiSafi.IPV4_UNICAST, true)));
    }

    @Test
    void capabilitiesCountOnlyIfBothSidesAdvertisedThem() {
        Open local = Open.of(64512, 90, ID, List.of(V4, V6, new Capability.FourOctetAs(64512), new Capability.ExtendedMessageCapability(),
                new Capability.RouteRefreshCapability()));
        Open peer = Open.of(64512, 30, ID, List.of(V6, new Capability.FourOctetAs(64512)));
        Negotiated n = Negotiated.of(local, peer, CONFIG);
        assertThat(n.families()).containsExactly(AfiSafi.IPV6_UNICAST);
        assertThat(n.fourOctetAs()).isTrue();
        assertThat(n.extendedMessages()).isFalse();
        assertThat(n.routeRefresh()).isFalse();
        assertThat(n.holdTime()).isEqualTo(30);
        assertThat(n.decodeContext().multiprotocol()).containsExactly(AfiSafi.IPV6_UNICAST);
        assertThat(n.encodeContext().fourOctetAs()).isTrue();
    }

    @Test
    void aPeerWithoutMultiprotocolCapabilityCarriesIpv4UnicastOnly() {
        Open local = Open.of(64512, 90, ID, List.of(V4, V6));
        Open peer = Open.of(64512, 90, ID, List.of());
        Negotiated n = Negotiated.of(local, peer, CONFIG);
        assertThat(n.families()).containsExactly(AfiSafi.IPV4_UNICAST);
        assertThat(n.fourOctetAs()).isFalse();
    }

    @Test
    void routesAreRetainedOnTcpLossOrGracefulNotificationButNotOnHardReset() {
        Negotiated withN = Negotiated.of(Open.of(64512, 90, ID, List.of(V4, gr(true))), Open.of(64512, 90, ID, List.of(V4, gr(true))), CONFIG);
        Negotiated withoutN = Negotiated.of(Open.of(64512, 90, ID, List.of(V4, gr(false))), Open.of(64512, 90, ID, List.of(V4, gr(true))), CONFIG);
        Negotiated none = Negotiated.of(Open.of(64512, 90, ID, List.of(V4, gr(true))), Open.of(64512, 90, ID, List.of(V4)), CONFIG);
        Notification hold = new Notification(ErrorCodes.HOLD_TIMER_EXPIRED, 0);
        Notification hard = Notification.hardReset(hold);

        assertThat(new SessionDown(Reason.TCP_FAILED, withoutN, Optional.empty(), Optional.empty()).retainRoutes()).isTrue();
        assertThat(new SessionDown(Reason.TCP_FAILED, none, Optional.empty(), Optional.empty()).retainRoutes()).isFalse();
        assertThat(new SessionDown(Reason.HOLD_TIMER_EXPIRED, withN, Optional.of(hold), Optional.empty()).retainRoutes()).isTrue();
        assertThat(new SessionDown(Reason.HOLD_TIMER_EXPIRED, withoutN, Optional.of(hold), Optional.empty()).retainRoutes()).isFalse();
        assertThat(new SessionDown(Reason.NOTIFICATION_RECEIVED, withN, Optional.empty(), Optional.of(hard)).retainRoutes()).isFalse();
        assertThat(withN.gracefulNotification()).isTrue();
        assertThat(withN.helperFamilies()).containsExactly(AfiSafi.IPV4_UNICAST);
    }

    @Test
    void manualShutdownBecomesHardResetWithTheNBit() {
        List<Capability> caps = List.of(V4, new Capability.FourOctetAs(64512), gr(true));
        FsmHarness h = new FsmHarness(FsmHarness.config(FsmHarness.HIGH_ID, 64512).withCapabilities(() -> caps));
        FsmHarness.FakeConnection c = h.establish(Open.of(64512, 90, FsmHarness.LOW_ID, caps));
        h.fsm.handle(new Event.ManualStop(new Notification(ErrorCodes.CEASE, ErrorCodes.CEASE_ADMINISTRATIVE_SHUTDOWN)));
        assertThat(c.lastNotification().isHardReset()).isTrue();
        assertThat(c.lastNotification().hardResetCause()).contains(new Notification(ErrorCodes.CEASE, ErrorCodes.CEASE_ADMINISTRATIVE_SHUTDOWN));
        assertThat(h.downs.getFirst().retainRoutes()).isFalse();
    }
}
