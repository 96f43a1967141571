package dev.junction.bgp.fsm;

import dev.junction.bgp.wire.DecodeContext;
import dev.junction.bgp.wire.DecodeError;
import dev.junction.bgp.wire.ErrorCodes;
import dev.junction.bgp.wire.Keepalive;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.Open;
import dev.junction.bgp.wire.OpenChecks;
import dev.junction.bgp.wire.RouteRefresh;
import dev.junction.bgp.wire.Update;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The RFC 4271 §8 finite state machine of one peer, as one {@link StateHandler} per state returning a
 * {@link Transition} (GoBGP's {@code fsm.go} layout). Not thread-safe: a single owner thread calls
 * {@link #handle}; timers and connections post their events to that owner. Side effects go through
 * {@link FsmActions}.
 *
 * <p>The session has one connection at a time, plus at most one colliding connection handled by
 * {@link Collision} (RFC 4271 §6.8). Deviations from the letter of §8.2.2, as BIRD and GoBGP do it: a failed
 * outbound connection waits in Active for the next ConnectRetry instead of going to Idle; after any failure the
 * FSM restarts by itself after an IdleHold time that doubles per failure (§8.1.1 DampPeerOscillations); and a
 * passive peer never connects out. Optional §8.1.1 attributes not implemented: DelayOpen, SendNOTIFICATIONwithoutOPEN,
 * CollisionDetectEstablishedState (always off, except for the graceful-restart case of RFC 4724 §4.2).
 */
public final class Fsm {
    private static final Map<State, StateHandler> HANDLERS = new EnumMap<>(Map.of(
            State.IDLE, new IdleState(),
            State.CONNECT, new ConnectingStates(),
            State.ACTIVE, new ConnectingStates(),
            State.OPEN_SENT, new OpenSentState(),
            State.OPEN_CONFIRM, new OpenConfirmState(),
            State.ESTABLISHED, new EstablishedState()));

    final FsmConfig config;
    final FsmActions actions;
    final Timers timers;
    final Backoff connectBackoff;
    final Backoff idleBackoff;
    final Collision collision = new Collision();
    private State state = State.IDLE;
    /** The session's connection from OpenSent on; null before. */
    Connection connection;
    /** The OPEN we sent on {@link #connection}. */
    Open localOpen;
    /** Set once the peer's OPEN on {@link #connection} passed the checks. */
    Negotiated negotiated;
    /** The outbound attempt in progress, 0 for none. */
    long attempt;
    private long attempts;
    /** Between ManualStart and ManualStop: failures lead to an automatic restart. */
    boolean started;

    public Fsm(FsmConfig config, FsmActions actions, Scheduler scheduler, Consumer<Event> post) {
        this.config = config;
        this.actions = actions;
        this.timers = new Timers(scheduler, post);
        this.connectBackoff = new Backoff(config.connectRetry(), config.connectRetryMax());
        this.idleBackoff = new Backoff(config.idleHold(), config.connectRetryMax());
    }

    public State state() {
        return state;
    }

    public FsmConfig config() {
        return config;
    }

    /** The negotiated parameters from OpenConfirm on, else empty. */
    public Optional<Negotiated> negotiated() {
        return Optional.ofNullable(negotiated);
    }

    /** The context to decode frames of {@code c} with: the negotiated one for the session's connection. */
    public DecodeContext decodeContext(Connection c) {
        if (c == connection && negotiated != null) return negotiated.decodeContext();
        return DecodeContext.of(true, !config.internal());
    }

    /** Handles one event and returns what happened. */
    public Transition handle(Event event) {
        State from = state;
        Transition t = dispatch(event);
        state = t.next();
        if (from != state) actions.transition(from, t);
        if (state == State.ESTABLISHED && from != State.ESTABLISHED) {
            connectBackoff.reset();
            idleBackoff.reset();
            actions.established(connection, negotiated);
        }
        return t;
    }

    private Transition dispatch(Event event) {
        if (event instanceof Event.TimerExpired te) {
            if (!timers.accept(te)) return stay(Reason.IGNORED);
            if (te.kind() == TimerKind.CANDIDATE_OPEN) return collision.openTimeout(this);
        }
        Connection c = event.connection();
        if (c != null && collision.owns(c)) return collision.handle(this, event);
        if (c != null && c != connection && !(event instanceof Event.TcpConnected)) return stay(Reason.IGNORED);
        return switch (event) {
            case Event.ManualStop stop -> stop(stop.notification());
            case Event.InternalError _ -> fail(Reason.INTERNAL_ERROR, new Notification(ErrorCodes.CEASE, ErrorCodes.UNSPECIFIC), null);
            default -> HANDLERS.get(state).handle(this, event);
        };
    }

    /** Sends an UPDATE on an Established session; false (and nothing sent) in any other state. */
    public boolean sendUpdate(Update update) {
        if (state != State.ESTABLISHED) return false;
        actions.send(connection, update);
        // RFC 4271 §8.2.2 Established: "Each time the local system sends a KEEPALIVE or UPDATE message, it restarts
        // its KeepaliveTimer, unless the negotiated HoldTime value is zero."
        if (negotiated.holdTime() > 0) timers.start(TimerKind.KEEPALIVE, negotiated.keepalive());
        return true;
    }

    /** Asks the peer to re-send its routes (RFC 2918 §3); only if the capability was negotiated. */
    public boolean sendRouteRefresh(RouteRefresh refresh) {
        if (state != State.ESTABLISHED || !negotiated.routeRefresh() || !negotiated.families().contains(refresh.family())) return false;
        actions.send(connection, refresh);
        return true;
    }

    Transition stay(Reason reason) {
        return Transition.to(state, reason);
    }

    /** Starts (again) from Idle: connect out, or wait passively (RFC 4271 §8.2.2 Idle, events 1, 3, 4). */
    Transition start(Reason reason) {
        started = true;
        timers.stop(TimerKind.IDLE_HOLD);
        if (config.passive()) return Transition.to(State.ACTIVE, reason);
        connectOut();
        return Transition.to(State.CONNECT, reason);
    }

    /** A new outbound attempt with the ConnectRetry timer (RFC 4271 §8.2.2 Connect), backing off per attempt. */
    void connectOut() {
        if (attempt != 0) actions.cancelConnect(attempt);
        attempt = ++attempts;
        timers.start(TimerKind.CONNECT_RETRY, connectBackoff.next());
        actions.connect(attempt);
    }

    void cancelAttempt() {
        if (attempt != 0) actions.cancelConnect(attempt);
        attempt = 0;
    }

    Open newOpen() {
        return Open.of(config.localAsn(), config.holdTime(), config.routerId(), config.capabilities().get());
    }

    /** Takes {@code c} as the session's connection and sends our OPEN (RFC 4271 §8.2.2 Connect/Active, events 16/17). */
    Transition acceptConnection(Connection c, Reason reason) {
        timers.stop(TimerKind.CONNECT_RETRY);
        cancelAttempt();
        connection = c;
        localOpen = newOpen();
        actions.send(c, localOpen);
        timers.start(TimerKind.HOLD, config.openWait());
        return Transition.to(State.OPEN_SENT, reason);
    }

    /**
     * The checks of RFC 4271 §6.2 that need configuration, then negotiation: KEEPALIVE sent, Hold and Keepalive
     * timers from the negotiated Hold Time, OpenConfirm (RFC 4271 §8.2.2 OpenSent, event 19).
     */
    Transition processOpen(Open open) {
        Optional<DecodeError> error = OpenChecks.peerAs(open, config.peerAsn())
                .or(() -> OpenChecks.bgpIdentifier(open, config.routerId(), config.internal()))
                .or(() -> OpenChecks.holdTime(open, config.minHoldTime()))
                .or(() -> OpenChecks.requiredCapabilities(open, config.required()));
        if (error.isPresent()) return fail(Reason.OPEN_ERROR, error.get().toNotification(), null);
        negotiated = Negotiated.of(localOpen, open, config);
        connection.extendedMessages(negotiated.extendedMessages());
        actions.send(connection, Keepalive.INSTANCE);
        restartHoldAndKeepalive();
        return Transition.to(State.OPEN_CONFIRM, Reason.OPEN_RECEIVED);
    }

    /** RFC 4271 §4.4: a zero Hold Time disables both timers; otherwise keepalives at a third of it. */
    void restartHoldAndKeepalive() {
        if (negotiated.holdTime() == 0) {
            timers.stop(TimerKind.HOLD);
            timers.stop(TimerKind.KEEPALIVE);
            return;
        }
        timers.start(TimerKind.HOLD, Duration.ofSeconds(negotiated.holdTime()));
        timers.start(TimerKind.KEEPALIVE, negotiated.keepalive());
    }

    /** Restarts the Hold timer on a KEEPALIVE or UPDATE (RFC 4271 §8.2.2 Established, events 26 and 27). */
    void restartHold() {
        if (negotiated != null && negotiated.holdTime() > 0) {
            timers.start(TimerKind.HOLD, Duration.ofSeconds(negotiated.holdTime()));
        }
    }

    void sendKeepalive() {
        actions.send(connection, Keepalive.INSTANCE);
        timers.start(TimerKind.KEEPALIVE, negotiated.keepalive());
    }

    /**
     * The session's connection failed: send {@code send} if not null, close it, report the end of an Established
     * session, then carry on with the colliding connection if there is one (it already sent its OPEN), else go
     * Idle and restart after the IdleHold time (RFC 4271 §8.2.2, the "release all BGP resources" branches).
     */
    Transition fail(Reason reason, Notification send, Notification received) {
        dropConnection(reason, send, received);
        if (collision.present()) return collision.promote(this, reason);
        return idle(reason);
    }

    /** Sends, closes and forgets the session's connection; reports {@link FsmActions#down} if it was Established. */
    void dropConnection(Reason reason, Notification send, Notification received) {
        if (connection != null) {
            if (send != null) actions.send(connection, send);
            actions.close(connection);
        }
        if (state == State.ESTABLISHED) {
            actions.down(new SessionDown(reason, negotiated, Optional.ofNullable(send), Optional.ofNullable(received)));
        }
        timers.stop(TimerKind.HOLD);
        timers.stop(TimerKind.KEEPALIVE);
        connection = null;
        localOpen = null;
        negotiated = null;
    }

    Transition idle(Reason reason) {
        timers.stop(TimerKind.CONNECT_RETRY);
        cancelAttempt();
        if (started) timers.start(TimerKind.IDLE_HOLD, idleBackoff.next());
        return Transition.to(State.IDLE, reason);
    }

    /**
     * ManualStop (RFC 4271 §8.2.2, event 2): NOTIFICATION on every connection, then Idle without restart. With the
     * N bit negotiated, Cease/Administrative Shutdown and Peer De-configured become a Hard Reset so that the peer
     * drops our routes at once (RFC 8538 §5).
     */
    private Transition stop(Notification notification) {
        started = false;
        Notification n = notification;
        if (n != null && negotiated != null && negotiated.gracefulNotification() && n.code() == ErrorCodes.CEASE
                && (n.subcode() == ErrorCodes.CEASE_ADMINISTRATIVE_SHUTDOWN || n.subcode() == ErrorCodes.CEASE_PEER_DECONFIGURED)) {
            n = Notification.hardReset(n);
        }
        collision.drop(this, notification);
        dropConnection(Reason.MANUAL_STOP, n, null);
        timers.stopAll();
        cancelAttempt();
        return Transition.to(State.IDLE, Reason.MANUAL_STOP);
    }
}
