package dev.junction.bgp.session;

import dev.junction.bgp.fsm.Connection;
import dev.junction.bgp.fsm.Event;
import dev.junction.bgp.fsm.FrameEvents;
import dev.junction.bgp.fsm.Fsm;
import dev.junction.bgp.fsm.FsmActions;
import dev.junction.bgp.fsm.FsmConfig;
import dev.junction.bgp.fsm.Negotiated;
import dev.junction.bgp.fsm.Scheduler;
import dev.junction.bgp.fsm.SessionDown;
import dev.junction.bgp.fsm.State;
import dev.junction.bgp.fsm.Transition;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.BgpMessage;
import dev.junction.bgp.wire.DecodeError;
import dev.junction.bgp.wire.EncodeContext;
import dev.junction.bgp.wire.Frame;
import dev.junction.bgp.wire.MessageCodec;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.RouteRefresh;
import dev.junction.bgp.wire.Update;

import java.io.IOException;
import java.lang.System.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One peer: its {@link Fsm}, its connections and its {@link Mailbox}. Everything that touches the FSM runs on the
 * mailbox; connection threads, the listener and timers only post to it. A bug or a malformed stream on this peer
 * resets this peer's session and nothing else.
 */
public final class PeerSession implements FsmActions, TcpConnection.Sink, AutoCloseable {
    private static final Logger LOG = System.getLogger(PeerSession.class.getName());

    /** Upcalls to the routing layer, on this peer's mailbox thread; implementations post onwards and return. */
    public interface Listener {
        void established(PeerSession peer, SessionInfo info);

        void down(PeerSession peer, long epoch, SessionDown down);

        void update(PeerSession peer, long epoch, Update update, List<DecodeError> problems);

        void routeRefresh(PeerSession peer, long epoch, RouteRefresh refresh);
    }

    private final String name;
    private final PeerTransport transport;
    private final SocketFactory sockets;
    private final Listener listener;
    private final Mailbox mailbox;
    private final Fsm fsm;
    private final Map<Long, BgpSocket> connecting = new ConcurrentHashMap<>();
    private long epoch;
    private volatile State state = State.IDLE;

    public PeerSession(String name, PeerTransport transport, FsmConfig config, SocketFactory sockets, Scheduler scheduler,
                       Listener listener) {
        this.name = name;
        this.transport = transport;
        this.sockets = sockets;
        this.listener = listener;
        this.mailbox = new Mailbox("bgp-peer-" + name, this::internalError);
        this.fsm = new Fsm(config, this, scheduler, this::post);
    }

    private void post(Event e) {
        mailbox.execute(() -> fsm.handle(e));
    }

    public String name() {
        return name;
    }

    public PeerTransport transport() {
        return transport;
    }

    /** The FSM state as last seen; safe from any thread. */
    public State state() {
        return state;
    }

    public void start() {
        mailbox.execute(() -> fsm.handle(new Event.ManualStart()));
    }

    /** ManualStop with {@code notification} (normally Cease, RFC 4486); the peer stays down. */
    public void stop(Notification notification) {
        mailbox.execute(() -> fsm.handle(new Event.ManualStop(notification)));
    }

    /** A connection the listener accepted from this peer's address (TcpConnectionConfirmed, RFC 4271 event 17). */
    public void inbound(BgpSocket socket) {
        TcpConnection c = new TcpConnection(socket, true, this, name + "-in");
        mailbox.execute(() -> fsm.handle(new Event.TcpConnected(c, -1)));
        c.start();
    }

    /** Sends routing updates if session {@code forEpoch} is still the Established one; else drops them. */
    public void send(long forEpoch, List<Update> updates) {
        mailbox.execute(() -> {
            if (forEpoch != epoch) return;
            for (Update u : updates) if (!fsm.sendUpdate(u)) return;
        });
    }

    /** Asks the peer to re-send a family (RFC 2918). */
    public void requestRefresh(AfiSafi family) {
        mailbox.execute(() -> fsm.sendRouteRefresh(new RouteRefresh(family)));
    }

    /** Resets the session as after an internal error (e.g. the routing layer failed on this peer's routes). */
    public void reset(String why) {
        mailbox.execute(() -> fsm.handle(new Event.InternalError(why)));
    }

    private void internalError(Throwable t) {
        LOG.log(Logger.Level.ERROR, "peer " + name + ": internal error, resetting the session", t);
        fsm.handle(new Event.InternalError(String.valueOf(t)));
    }

    // --- FsmActions, on the mailbox thread ---

    @Override
    public void connect(long attempt) {
        Thread.ofVirtual().name("bgp-connect-" + name).start(() -> {
            BgpSocket s = null;
            try {
                s = sockets.outbound(transport);
                connecting.put(attempt, s);
                s.connect(transport.remote(), (int) transport.connectTimeout().toMillis());
                TcpConnection c = new TcpConnection(s, false, this, name + "-out");
                mailbox.execute(() -> fsm.handle(new Event.TcpConnected(c, attempt)));
                c.start();
            } catch (IOException | RuntimeException e) {
                if (s != null) s.close();
                mailbox.execute(() -> fsm.handle(new Event.ConnectFailed(attempt, String.valueOf(e.getMessage()))));
            } finally {
                connecting.remove(attempt);
            }
        });
    }

    @Override
    public void cancelConnect(long attempt) {
        BgpSocket s = connecting.remove(attempt);
        if (s != null && !s.isConnected()) s.close();
    }

    @Override
    public void send(Connection connection, BgpMessage message) {
        EncodeContext ctx = fsm.negotiated().map(Negotiated::encodeContext).orElse(EncodeContext.FOUR_OCTET);
        ((TcpConnection) connection).send(MessageCodec.encode(message, ctx));
    }

    @Override
    public void close(Connection connection) {
        ((TcpConnection) connection).close();
    }

    @Override
    public void established(Connection connection, Negotiated negotiated) {
        epoch++;
        TcpConnection c = (TcpConnection) connection;
        LOG.log(Logger.Level.INFO, "peer " + name + ": Established with " + negotiated.peerId().getHostAddress()
                + " AS" + negotiated.peerAsn() + ", hold " + negotiated.holdTime() + " s, families " + negotiated.families());
        listener.established(this, new SessionInfo(epoch, negotiated, c.local(), c.remote()));
    }

    @Override
    public void down(SessionDown down) {
        LOG.log(Logger.Level.INFO, "peer " + name + ": session down (" + down.reason() + ")"
                + down.sent().map(n -> ", sent " + n).orElse("") + down.received().map(n -> ", received " + n).orElse(""));
        listener.down(this, epoch, down);
    }

    @Override
    public void updateReceived(Update update, List<DecodeError> problems) {
        listener.update(this, epoch, update, problems);
    }

    @Override
    public void routeRefreshReceived(RouteRefresh refresh) {
        listener.routeRefresh(this, epoch, refresh);
    }

    @Override
    public void transition(State from, Transition t) {
        state = t.next();
        LOG.log(Logger.Level.DEBUG, "peer " + name + ": " + from + " -> " + t.next() + " (" + t.reason() + ")");
    }

    // --- TcpConnection.Sink, on connection threads ---

    @Override
    public void frame(TcpConnection c, Frame frame) {
        mailbox.execute(() -> fsm.handle(FrameEvents.decode(c, frame, fsm.decodeContext(c))));
    }

    @Override
    public void framingError(TcpConnection c, DecodeError error) {
        mailbox.execute(() -> fsm.handle(FrameEvents.framingFailed(c, error)));
    }

    @Override
    public void closed(TcpConnection c, String why) {
        mailbox.execute(() -> fsm.handle(new Event.ConnectionClosed(c, why)));
    }

    /** Stops the mailbox; call {@link #stop} first to say goodbye to the peer. */
    @Override
    public void close() {
        mailbox.close();
    }

    public boolean awaitClosed(long millis) throws InterruptedException {
        return mailbox.join(millis);
    }
}
