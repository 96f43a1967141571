package dev.junction.bgp.fsm;

import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.BgpMessage;
import dev.junction.bgp.wire.Capability;
import dev.junction.bgp.wire.DecodeError;
import dev.junction.bgp.wire.EncodeContext;
import dev.junction.bgp.wire.Frame;
import dev.junction.bgp.wire.FrameResult;
import dev.junction.bgp.wire.Framer;
import dev.junction.bgp.wire.Keepalive;
import dev.junction.bgp.wire.MessageCodec;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.Open;
import dev.junction.bgp.wire.RouteRefresh;
import dev.junction.bgp.wire.Update;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An FSM on virtual time with recording actions and fake connections. Messages "from the peer" go through the real
 * codec (encode, frame, {@link FrameEvents#decode}) so that the FSM sees exactly what a socket would deliver.
 */
final class FsmHarness implements FsmActions {
    static final Inet4Address LOW_ID = Inet4Address.ofLiteral("10.0.0.1");
    static final Inet4Address HIGH_ID = Inet4Address.ofLiteral("10.0.0.2");

    static final class FakeConnection implements Connection {
        final boolean inbound;
        final String name;
        final List<BgpMessage> sent = new ArrayList<>();
        boolean closed;
        boolean extended;

        FakeConnection(boolean inbound, String name) {
            this.inbound = inbound;
            this.name = name;
        }

        @Override
        public boolean inbound() {
            return inbound;
        }

        @Override
        public void extendedMessages(boolean enabled) {
            extended = enabled;
        }

        <T extends BgpMessage> List<T> sent(Class<T> kind) {
            return sent.stream().filter(kind::isInstance).map(kind::cast).toList();
        }

        Notification lastNotification() {
            return sent(Notification.class).getLast();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Capability> capabilities() {
        return List.of(new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST), new Capability.RouteRefreshCapability(),
                new Capability.FourOctetAs(64512));
    }

    final VirtualScheduler time = new VirtualScheduler();
    Fsm fsm;
    final List<Long> connects = new ArrayList<>();
    final List<Double> connectTimes = new ArrayList<>();
    final List<Long> cancelled = new ArrayList<>();
    final List<Negotiated> established = new ArrayList<>();
    final List<SessionDown> downs = new ArrayList<>();
    final List<Update> updates = new ArrayList<>();
    final List<List<DecodeError>> problems = new ArrayList<>();
    final List<RouteRefresh> refreshes = new ArrayList<>();
    final List<String> transitions = new ArrayList<>();

    FsmHarness(FsmConfig config) {
        this.fsm = new Fsm(config, this, time, e -> this.fsm.handle(e));
    }

    /** iBGP in AS 64512, we are 10.0.0.2 unless told otherwise, retry from 1 s. */
    static FsmConfig config(Inet4Address localId, long peerAs) {
        return FsmConfig.of(64512, localId, peerAs, capabilities())
                .withRetry(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(1));
    }

    static Open peerOpen(long asn, int hold, Inet4Address id, List<Capability> caps) {
        return Open.of(asn, hold, id, caps);
    }

    static Open peerOpen(long asn, int hold, Inet4Address id) {
        List<Capability> caps = new ArrayList<>(List.of(new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST),
                new Capability.RouteRefreshCapability(), new Capability.FourOctetAs(asn)));
        return Open.of(asn, hold, id, caps);
    }

    /** Delivers a message from the peer on {@code c} through encoder, framer and decoder. */
    Transition receive(FakeConnection c, BgpMessage m) {
        byte[] bytes = MessageCodec.encode(m, new EncodeContext(fsm.decodeContext(c).fourOctetAs(), fsm.decodeContext(c).extendedMessages()));
        return receiveBytes(c, bytes);
    }

    Transition receiveBytes(FakeConnection c, byte[] bytes) {
        Framer framer = new Framer();
        framer.feed(java.nio.ByteBuffer.wrap(bytes));
        return switch (framer.next()) {
            case FrameResult.Complete f -> receiveFrame(c, f.frame());
            case FrameResult.Failed f -> fsm.handle(FrameEvents.framingFailed(c, f.error()));
            case FrameResult.NeedMore n -> throw new AssertionError("incomplete test message");
        };
    }

    Transition receiveFrame(FakeConnection c, Frame frame) {
        return fsm.handle(FrameEvents.decode(c, frame, fsm.decodeContext(c)));
    }

    /** ManualStart, outbound connection accepted, peer OPEN and KEEPALIVE: Established on the returned connection. */
    FakeConnection establish(Open peer) {
        fsm.handle(new Event.ManualStart());
        FakeConnection c = new FakeConnection(false, "out");
        fsm.handle(new Event.TcpConnected(c, connects.getLast()));
        receive(c, peer);
        receive(c, Keepalive.INSTANCE);
        if (fsm.state() != State.ESTABLISHED) throw new AssertionError("not established: " + fsm.state());
        return c;
    }

    @Override
    public void connect(long attempt) {
        connects.add(attempt);
        connectTimes.add(time.elapsed());
    }

    @Override
    public void cancelConnect(long attempt) {
        cancelled.add(attempt);
    }

    @Override
    public void send(Connection connection, BgpMessage message) {
        ((FakeConnection) connection).sent.add(message);
    }

    @Override
    public void close(Connection connection) {
        ((FakeConnection) connection).closed = true;
    }

    @Override
    public void established(Connection connection, Negotiated negotiated) {
        established.add(negotiated);
    }

    @Override
    public void down(SessionDown down) {
        downs.add(down);
    }

    @Override
    public void updateReceived(Update update, List<DecodeError> problems) {
        updates.add(update);
        this.problems.add(problems);
    }

    @Override
    public void routeRefreshReceived(RouteRefresh refresh) {
        refreshes.add(refresh);
    }

    @Override
    public void transition(State from, Transition t) {
        transitions.add(from + "->" + t.next() + ":" + t.reason());
    }
}
