package dev.junction.bgp.fsm;

import dev.junction.bgp.fsm.FsmHarness.FakeConnection;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.AsPathSegment;
import dev.junction.bgp.wire.Capability;
import dev.junction.bgp.wire.ErrorAction;
import dev.junction.bgp.wire.ErrorCodes;
import dev.junction.bgp.wire.Frame;
import dev.junction.bgp.wire.Keepalive;
import dev.junction.bgp.wire.MessageType;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.Open;
import dev.junction.bgp.wire.PathAttribute;
import dev.junction.bgp.wire.Prefix;
import dev.junction.bgp.wire.RouteRefresh;
import dev.junction.bgp.wire.Update;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.util.HexFormat;
import java.util.List;

import static dev.junction.bgp.fsm.FsmHarness.HIGH_ID;
import static dev.junction.bgp.fsm.FsmHarness.LOW_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages per state: OPEN checks (RFC 4271 §6.2, RFC 5492 §5, RFC 6286), FSM errors (RFC 6608), UPDATE errors
 * and their RFC 7606 actions. We are 10.0.0.2 in AS 64512.
 */
@Tag("unit")
class FsmMessagesTest {
    private static final List<PathAttribute> ATTRS = List.of(PathAttribute.Origin.IGP, PathAttribute.AsPath.sequence(64999),
            PathAttribute.NextHop.of("192.0.2.1"));

    private static FakeConnection openSent(FsmHarness h) {
        h.fsm.handle(new Event.ManualStart());
        FakeConnection c = new FakeConnection(false, "out");
        h.fsm.handle(new Event.TcpConnected(c, 1));
        assertThat(h.fsm.state()).isEqualTo(State.OPEN_SENT);
        return c;
    }

    private static void assertReset(FsmHarness h, FakeConnection c, int code, int subcode) {
        assertThat(h.fsm.state()).isEqualTo(State.IDLE);
        assertThat(c.lastNotification().code()).isEqualTo(code);
        assertThat(c.lastNotification().subcode()).isEqualTo(subcode);
        assertThat(c.closed).isTrue();
    }

    @Test
    void ourOpenCarriesTheConfiguredParameters() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        Open ours = openSent(h).sent(Open.class).getFirst();
        assertThat(ours.myAs()).isEqualTo(64512);
        assertThat(ours.holdTime()).isEqualTo(90);
        assertThat(ours.bgpId()).isEqualTo(HIGH_ID);
        assertThat(ours.capabilities()).containsExactlyElementsOf(FsmHarness.capabilities());
    }

    @Test
    void wrongPeerAsIsBadPeerAs() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = openSent(h);
        assertThat(h.receive(c, FsmHarness.peerOpen(64513, 90, LOW_ID)).reason()).isEqualTo(Reason.OPEN_ERROR);
        assertReset(h, c, ErrorCodes.OPEN_MESSAGE, ErrorCodes.BAD_PEER_AS);
    }

    @Test
    void internalPeerWithOurIdentifierIsBadBgpIdentifier() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = openSent(h);
        h.receive(c, FsmHarness.peerOpen(64512, 90, HIGH_ID));
        assertReset(h, c, ErrorCodes.OPEN_MESSAGE, ErrorCodes.BAD_BGP_IDENTIFIER);
    }

    @Test
    void externalPeerMayShareOurIdentifier() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64999));
        FakeConnection c = openSent(h);
        h.receive(c, FsmHarness.peerOpen(64999, 90, HIGH_ID));
        assertThat(h.fsm.state()).isEqualTo(State.OPEN_CONFIRM); // RFC 6286 §2.2: only internal peers
    }

    @Test
    void holdTimeBelowTheLocalMinimumIsUnacceptable() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512).withMinHoldTime(9));
        FakeConnection c = openSent(h);
        h.receive(c, FsmHarness.peerOpen(64512, 3, LOW_ID));
        assertReset(h, c, ErrorCodes.OPEN_MESSAGE, ErrorCodes.UNACCEPTABLE_HOLD_TIME);
    }

    @Test
    void holdTimeOfOneSecondIsRejectedByTheDecoder() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = openSent(h);
        // version 4, AS 64512, hold 1, id 10.0.0.1, no optional parameters
        h.receiveFrame(c, new Frame(MessageType.OPEN, HexFormat.of().parseHex("04fc0000010a00000100")));
        assertReset(h, c, ErrorCodes.OPEN_MESSAGE, ErrorCodes.UNACCEPTABLE_HOLD_TIME);
    }

    @Test
    void unsupportedVersionCarriesOurVersion() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = openSent(h);
        h.receiveFrame(c, new Frame(MessageType.OPEN, HexFormat.of().parseHex("03fc00005a0a00000100")));
        assertReset(h, c, ErrorCodes.OPEN_MESSAGE, ErrorCodes.UNSUPPORTED_VERSION_NUMBER);
        assertThat(c.lastNotification().data()).containsExactly(0, 4);
    }

    @Test
    void missingRequiredCapabilityIsUnsupportedCapability() {
        Capability.Multiprotocol v6 = new Capability.Multiprotocol(AfiSafi.IPV6_UNICAST);
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512).withRequired(List.of(v6)));
        FakeConnection c = openSent(h);
        h.receive(c, FsmHarness.peerOpen(64512, 90, LOW_ID));
        assertReset(h, c, ErrorCodes.OPEN_MESSAGE, ErrorCodes.UNSUPPORTED_CAPABILITY);
        assertThat(c.lastNotification().data()).containsExactly(1, 4, 0, 2, 0, 1); // the capability as in OPEN
    }

    @Test
    void badMarkerIsConnectionNotSynchronized() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = openSent(h);
        byte[] keepalive = HexFormat.of().parseHex("ffffffffffffffffffffffffffffff00" + "001304");
        h.receiveBytes(c, keepalive);
        assertReset(h, c, ErrorCodes.MESSAGE_HEADER, ErrorCodes.CONNECTION_NOT_SYNCHRONIZED);
    }

    @Test
    void keepaliveInOpenSentIsAnFsmError() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = openSent(h);
        assertThat(h.receive(c, Keepalive.INSTANCE).reason()).isEqualTo(Reason.FSM_ERROR);
        assertReset(h, c, ErrorCodes.FSM, ErrorCodes.FSM_UNEXPECTED_IN_OPEN_SENT);
    }

    @Test
    void updateInOpenConfirmIsAnFsmError() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = openSent(h);
        h.receive(c, FsmHarness.peerOpen(64512, 90, LOW_ID));
        h.receive(c, Update.endOfRib(AfiSafi.IPV4_UNICAST));
        assertReset(h, c, ErrorCodes.FSM, ErrorCodes.FSM_UNEXPECTED_IN_OPEN_CONFIRM);
    }

    @Test
    void openInEstablishedIsAnFsmErrorAndTheSessionGoesDown() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = h.establish(FsmHarness.peerOpen(64512, 90, LOW_ID));
        h.receive(c, FsmHarness.peerOpen(64512, 90, LOW_ID));
        assertReset(h, c, ErrorCodes.FSM, ErrorCodes.FSM_UNEXPECTED_IN_ESTABLISHED);
        assertThat(h.downs).singleElement().extracting(SessionDown::reason).isEqualTo(Reason.FSM_ERROR);
    }

    @Test
    void notificationFromThePeerEndsTheSessionWithoutAnswer() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = h.establish(FsmHarness.peerOpen(64512, 90, LOW_ID));
        int sent = c.sent.size();
        Notification cease = new Notification(ErrorCodes.CEASE, ErrorCodes.CEASE_ADMINISTRATIVE_RESET);
        h.receive(c, cease);
        assertThat(h.fsm.state()).isEqualTo(State.IDLE);
        assertThat(c.sent).hasSize(sent);
        assertThat(h.downs.getFirst().received()).contains(cease);
    }

    @Test
    void updateThatCannotBeParsedResetsTheSession() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = h.establish(FsmHarness.peerOpen(64512, 90, LOW_ID));
        // Withdrawn Routes Length 0, Total Path Attribute Length 100, nothing follows (RFC 7606 §3 (b)).
        assertThat(h.receiveFrame(c, new Frame(MessageType.UPDATE, HexFormat.of().parseHex("00000064"))).reason())
                .isEqualTo(Reason.DECODE_ERROR);
        assertReset(h, c, ErrorCodes.UPDATE_MESSAGE, ErrorCodes.MALFORMED_ATTRIBUTE_LIST);
        assertThat(h.updates).isEmpty();
    }

    @Test
    void missingNextHopIsTreatAsWithdrawAndTheSessionStaysUp() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = h.establish(FsmHarness.peerOpen(64512, 90, LOW_ID));
        Prefix p = Prefix.parse("10.1.0.0/16");
        h.receive(c, new Update(List.of(), List.of(PathAttribute.Origin.IGP, PathAttribute.AsPath.EMPTY), List.of(p)));
        assertThat(h.fsm.state()).isEqualTo(State.ESTABLISHED);
        assertThat(h.problems.getFirst()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(ErrorAction.TREAT_AS_WITHDRAW);
            assertThat(e.subcode()).isEqualTo(ErrorCodes.MISSING_WELL_KNOWN_ATTRIBUTE);
        });
        assertThat(h.updates.getFirst().treatAsWithdraw()).containsEntry(AfiSafi.IPV4_UNICAST, List.of(p));
    }

    @Test
    void localPrefFromAnExternalPeerIsDiscarded() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64999));
        FakeConnection c = h.establish(FsmHarness.peerOpen(64999, 90, LOW_ID));
        List<PathAttribute> attrs = new java.util.ArrayList<>(ATTRS);
        attrs.add(new PathAttribute.LocalPref(500));
        h.receive(c, new Update(List.of(), attrs, List.of(Prefix.parse("10.1.0.0/16"))));
        assertThat(h.fsm.state()).isEqualTo(State.ESTABLISHED);
        assertThat(h.problems.getFirst()).singleElement().extracting(e -> e.action()).isEqualTo(ErrorAction.ATTRIBUTE_DISCARD);
        assertThat(h.updates.getFirst().attribute(PathAttribute.LocalPref.class)).isEmpty();
    }

    @Test
    void externalPathNotStartingWithThePeerAsIsTreatAsWithdraw() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64999));
        FakeConnection c = h.establish(FsmHarness.peerOpen(64999, 90, LOW_ID));
        h.receive(c, new Update(List.of(), List.of(PathAttribute.Origin.IGP,
                new PathAttribute.AsPath(List.of(AsPathSegment.sequence(65000, 64999))), PathAttribute.NextHop.of("192.0.2.1")),
                List.of(Prefix.parse("10.1.0.0/16"))));
        assertThat(h.problems.getFirst()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(ErrorAction.TREAT_AS_WITHDRAW);
            assertThat(e.subcode()).isEqualTo(ErrorCodes.MALFORMED_AS_PATH);
        });
        h.receive(c, new Update(List.of(), ATTRS.stream().map(a -> a instanceof PathAttribute.AsPath ? PathAttribute.AsPath.sequence(64999) : a).toList(),
                List.of(Prefix.parse("10.1.0.0/16"))));
        assertThat(h.problems.get(1)).isEmpty();
    }

    @Test
    void routeRefreshIsPassedOnOnlyForNegotiatedFamilies() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = h.establish(FsmHarness.peerOpen(64512, 90, LOW_ID));
        h.receive(c, new RouteRefresh(AfiSafi.IPV4_UNICAST));
        h.receive(c, new RouteRefresh(AfiSafi.IPV6_UNICAST));
        assertThat(h.refreshes).containsExactly(new RouteRefresh(AfiSafi.IPV4_UNICAST));
    }

    @Test
    void eventsFromAConnectionTheFsmDroppedAreIgnored() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection old = h.establish(FsmHarness.peerOpen(64512, 90, LOW_ID));
        h.fsm.handle(new Event.ConnectionClosed(old, "reset"));
        h.time.advanceSeconds(1);
        FakeConnection fresh = new FakeConnection(false, "out2");
        h.fsm.handle(new Event.TcpConnected(fresh, h.connects.getLast()));
        // A KEEPALIVE still queued from the old connection must not count for the new one.
        assertThat(h.fsm.handle(new Event.KeepaliveReceived(old)).reason()).isEqualTo(Reason.IGNORED);
        assertThat(h.fsm.state()).isEqualTo(State.OPEN_SENT);
    }

    @Test
    void extendedMessagesAreSwitchedOnBeforeOurKeepalive() {
        List<Capability> caps = List.of(new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST), new Capability.ExtendedMessageCapability(),
                new Capability.FourOctetAs(64512));
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512).withCapabilities(() -> caps));
        FakeConnection c = openSent(h);
        h.receive(c, Open.of(64512, 90, Inet4Address.ofLiteral("10.0.0.1"), caps));
        assertThat(c.extended).isTrue();
        assertThat(h.fsm.decodeContext(c).extendedMessages()).isTrue();
    }
}
