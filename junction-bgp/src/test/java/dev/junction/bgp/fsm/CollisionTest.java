package dev.junction.bgp.fsm;

import dev.junction.bgp.fsm.FsmHarness.FakeConnection;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Capability;
import dev.junction.bgp.wire.ErrorCodes;
import dev.junction.bgp.wire.Keepalive;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.Open;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.util.List;

import static dev.junction.bgp.fsm.FsmHarness.HIGH_ID;
import static dev.junction.bgp.fsm.FsmHarness.LOW_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection collision (RFC 4271 §6.8, RFC 6286 §2.3, RFC 4724 §4.2). Our outbound connection reaches OpenConfirm,
 * then the peer's inbound one delivers its OPEN: the connection initiated by the higher BGP Identifier survives.
 */
@Tag("unit")
class CollisionTest {
    private static final Notification COLLISION = new Notification(ErrorCodes.CEASE, ErrorCodes.CEASE_CONNECTION_COLLISION);

    private record Setup(FsmHarness h, FakeConnection out, FakeConnection in) {
    }

    /** Outbound connection in OpenConfirm, inbound candidate with our OPEN sent on it. */
    private static Setup outboundInOpenConfirm(Inet4Address local, Inet4Address remote) {
        FsmHarness h = new FsmHarness(FsmHarness.config(local, 64512));
        h.fsm.handle(new Event.ManualStart());
        FakeConnection out = new FakeConnection(false, "out");
        h.fsm.handle(new Event.TcpConnected(out, 1));
        h.receive(out, FsmHarness.peerOpen(64512, 90, remote));
        assertThat(h.fsm.state()).isEqualTo(State.OPEN_CONFIRM);
        FakeConnection in = new FakeConnection(true, "in");
        h.fsm.handle(new Event.TcpConnected(in, -1));
        assertThat(in.sent(Open.class)).hasSize(1);
        return new Setup(h, out, in);
    }

    @Test
    void higherLocalIdentifierKeepsOurOutboundConnection() {
        Setup s = outboundInOpenConfirm(HIGH_ID, LOW_ID);
        assertThat(s.h.receive(s.in, FsmHarness.peerOpen(64512, 90, LOW_ID)).reason()).isEqualTo(Reason.COLLISION);
        assertThat(s.in.lastNotification()).isEqualTo(COLLISION);
        assertThat(s.in.closed).isTrue();
        assertThat(s.out.closed).isFalse();
        s.h.receive(s.out, Keepalive.INSTANCE);
        assertThat(s.h.fsm.state()).isEqualTo(State.ESTABLISHED);
    }

    @Test
    void lowerLocalIdentifierGivesWayToThePeersConnection() {
        Setup s = outboundInOpenConfirm(LOW_ID, HIGH_ID);
        assertThat(s.h.receive(s.in, FsmHarness.peerOpen(64512, 90, HIGH_ID)).next()).isEqualTo(State.OPEN_CONFIRM);
        assertThat(s.out.lastNotification()).isEqualTo(COLLISION);
        assertThat(s.out.closed).isTrue();
        assertThat(s.in.closed).isFalse();
        assertThat(s.in.sent(Keepalive.class)).hasSize(1);
        // Whatever the closed connection still delivers is ignored.
        assertThat(s.h.receive(s.out, Keepalive.INSTANCE).reason()).isEqualTo(Reason.IGNORED);
        s.h.receive(s.in, Keepalive.INSTANCE);
        assertThat(s.h.fsm.state()).isEqualTo(State.ESTABLISHED);
        assertThat(s.h.downs).isEmpty(); // nothing was ever Established before
    }

    @Test
    void equalIdentifiersBetweenAsesAreBrokenByAsNumber() {
        // eBGP with the same identifier: the higher AS (the peer's 65000 > our 64512) is dominant (RFC 6286 §2.3).
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 65000));
        h.fsm.handle(new Event.ManualStart());
        FakeConnection out = new FakeConnection(false, "out");
        h.fsm.handle(new Event.TcpConnected(out, 1));
        h.receive(out, FsmHarness.peerOpen(65000, 90, HIGH_ID));
        FakeConnection in = new FakeConnection(true, "in");
        h.fsm.handle(new Event.TcpConnected(in, -1));
        h.receive(in, FsmHarness.peerOpen(65000, 90, HIGH_ID));
        assertThat(out.closed).isTrue();
        assertThat(in.closed).isFalse();
    }

    @Test
    void candidateOpenInOpenSentSwapsRolesAndTheRuleAppliesWhenTheOtherOpenArrives() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        h.fsm.handle(new Event.ManualStart());
        FakeConnection out = new FakeConnection(false, "out");
        h.fsm.handle(new Event.TcpConnected(out, 1));
        FakeConnection in = new FakeConnection(true, "in");
        h.fsm.handle(new Event.TcpConnected(in, -1));
        assertThat(h.fsm.state()).isEqualTo(State.OPEN_SENT);
        // The inbound connection's OPEN comes first: it moves ahead to OpenConfirm.
        h.receive(in, FsmHarness.peerOpen(64512, 90, LOW_ID));
        assertThat(h.fsm.state()).isEqualTo(State.OPEN_CONFIRM);
        assertThat(in.sent(Keepalive.class)).hasSize(1);
        // Then our outbound connection's OPEN: we are dominant, so our connection wins after all.
        h.receive(out, FsmHarness.peerOpen(64512, 90, LOW_ID));
        assertThat(in.closed).isTrue();
        assertThat(in.lastNotification()).isEqualTo(COLLISION);
        assertThat(out.sent(Keepalive.class)).hasSize(1);
        h.receive(out, Keepalive.INSTANCE);
        assertThat(h.fsm.state()).isEqualTo(State.ESTABLISHED);
    }

    @Test
    void newConnectionAgainstAnEstablishedSessionIsClosed() {
        FsmHarness h = new FsmHarness(FsmHarness.config(LOW_ID, 64512));
        FakeConnection c = h.establish(FsmHarness.peerOpen(64512, 90, HIGH_ID));
        FakeConnection in = new FakeConnection(true, "in");
        h.fsm.handle(new Event.TcpConnected(in, -1));
        h.receive(in, FsmHarness.peerOpen(64512, 90, HIGH_ID));
        assertThat(in.closed).isTrue();
        assertThat(in.lastNotification()).isEqualTo(COLLISION);
        assertThat(c.closed).isFalse();
        assertThat(h.fsm.state()).isEqualTo(State.ESTABLISHED);
    }

    @Test
    void gracefulRestartPeerReconnectingReplacesTheEstablishedSession() {
        List<Capability> gr = List.of(new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST), new Capability.FourOctetAs(64512),
                new Capability.GracefulRestart(Capability.GracefulRestart.RESTART_STATE, 120,
                        List.of(Capability.GracefulRestart.Family.of(AfiSafi.IPV4_UNICAST, true))));
        FsmHarness h = new FsmHarness(FsmHarness.config(LOW_ID, 64512).withCapabilities(() -> gr));
        FakeConnection old = h.establish(Open.of(64512, 90, HIGH_ID, gr));
        FakeConnection in = new FakeConnection(true, "in");
        h.fsm.handle(new Event.TcpConnected(in, -1));
        assertThat(h.receive(in, Open.of(64512, 90, HIGH_ID, gr)).next()).isEqualTo(State.OPEN_CONFIRM);
        assertThat(old.closed).isTrue();
        assertThat(h.downs).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Reason.PEER_RESTARTED);
            assertThat(d.retainRoutes()).isTrue();
        });
        h.receive(in, Keepalive.INSTANCE);
        assertThat(h.established).hasSize(2);
    }

    @Test
    void candidateThatNeverSendsItsOpenTimesOut() {
        Setup s = outboundInOpenConfirm(HIGH_ID, LOW_ID);
        s.h.receive(s.out, Keepalive.INSTANCE);
        for (int i = 0; i < 10; i++) {
            s.h.time.advanceSeconds(30);
            s.h.receive(s.out, Keepalive.INSTANCE);
        }
        assertThat(s.in.closed).isTrue();
        assertThat(s.in.lastNotification()).isEqualTo(new Notification(ErrorCodes.HOLD_TIMER_EXPIRED, 0));
        assertThat(s.h.fsm.state()).isEqualTo(State.ESTABLISHED);
    }

    @Test
    void whenTheSessionsConnectionFailsTheCandidateCarriesOn() {
        Setup s = outboundInOpenConfirm(HIGH_ID, LOW_ID);
        s.h.fsm.handle(new Event.ConnectionClosed(s.out, "reset"));
        assertThat(s.h.fsm.state()).isEqualTo(State.OPEN_SENT);
        s.h.receive(s.in, FsmHarness.peerOpen(64512, 90, LOW_ID));
        s.h.receive(s.in, Keepalive.INSTANCE);
        assertThat(s.h.fsm.state()).isEqualTo(State.ESTABLISHED);
    }

    @Test
    void aThirdConnectionIsRefused() {
        Setup s = outboundInOpenConfirm(HIGH_ID, LOW_ID);
        FakeConnection third = new FakeConnection(true, "third");
        s.h.fsm.handle(new Event.TcpConnected(third, -1));
        assertThat(third.closed).isTrue();
        assertThat(third.sent).isEmpty();
    }

    @Test
    void idleRefusesConnections() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection in = new FakeConnection(true, "in");
        h.fsm.handle(new Event.TcpConnected(in, -1));
        assertThat(in.closed).isTrue();
        assertThat(h.fsm.state()).isEqualTo(State.IDLE);
    }
}
