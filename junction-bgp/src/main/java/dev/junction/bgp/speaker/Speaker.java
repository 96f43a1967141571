package dev.junction.bgp.speaker;

import dev.junction.bgp.fsm.FsmConfig;
import dev.junction.bgp.fsm.Scheduler;
import dev.junction.bgp.fsm.SessionDown;
import dev.junction.bgp.fsm.State;
import dev.junction.bgp.rib.BestPathListener;
import dev.junction.bgp.rib.Explanation;
import dev.junction.bgp.rib.Route;
import dev.junction.bgp.session.Listener;
import dev.junction.bgp.session.Mailbox;
import dev.junction.bgp.session.PeerSession;
import dev.junction.bgp.session.PeerTransport;
import dev.junction.bgp.session.PlainSocketFactory;
import dev.junction.bgp.session.SessionInfo;
import dev.junction.bgp.session.SocketFactory;
import dev.junction.bgp.session.SystemScheduler;
import dev.junction.bgp.wire.DecodeError;
import dev.junction.bgp.wire.ErrorCodes;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.Prefix;
import dev.junction.bgp.wire.RouteRefresh;
import dev.junction.bgp.wire.Update;

import java.io.IOException;
import java.lang.System.Logger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A running BGP speaker: configuration, one {@link PeerSession} per peer, the shared {@link Listener}, and the
 * {@link RoutingEngine} on its own mailbox. Public methods post to the engine and return futures (single owner per
 * piece of state); best-path listeners are called on the engine thread and must not block.
 */
public final class Speaker implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Speaker.class.getName());

    private final SpeakerConfig config;
    private final SystemScheduler timers = new SystemScheduler();
    private final Mailbox engineBox;
    private final RoutingEngine engine;
    private final Map<String, PeerSession> sessions = new LinkedHashMap<>();
    private final Listener listener;
    /** The Restart State bit for OPENs: set while a restarting speaker defers selection (RFC 4724 §3, §4.1). */
    private final AtomicBoolean restarting;
    /** When each peer's session last reached Established, on the wall clock (for benchmarks and operators). */
    private final Map<String, java.time.Instant> establishedAt = new java.util.concurrent.ConcurrentHashMap<>();
    /** Engine thread only: someone waiting for the Loc-RIB to hold this many prefixes, or null. */
    private LocRibCountWaiter countWaiter;

    private Speaker(SpeakerConfig config, SocketFactory sockets) throws IOException {
        this.config = config;
        this.restarting = new AtomicBoolean(config.gracefulRestart().enabled() && config.gracefulRestart().restarting());
        this.engineBox = new Mailbox("bgp-engine", t -> LOG.log(Logger.Level.ERROR, "routing engine task failed", t));
        Scheduler engineTimers = new Scheduler() {
            public java.time.Instant now() {
                return timers.now();
            }

            public Cancellable schedule(Duration delay, Runnable task) {
                return timers.schedule(delay, () -> engineBox.execute(task));
            }
        };
        this.engine = new RoutingEngine(config, engineTimers, new RoutingEngine.Output() {
            public void send(String peer, long epoch, List<Update> updates) {
                // Nothing is sent while a restart defers selection; once it is over, later OPENs drop the R bit.
                if (!engine.deferring()) restarting.set(false);
                sessions.get(peer).send(epoch, updates);
            }

            public void reset(String peer, String why) {
                sessions.get(peer).reset(why);
            }
        });
        this.listener = config.listen() == null ? null : new Listener(sockets, config.listen());
        PeerSession.Listener upcalls = new Upcalls();
        for (PeerConfig p : config.peers()) {
            Supplier<List<dev.junction.bgp.wire.Capability>> caps = () -> Capabilities.forPeer(config, p, restarting.get());
            FsmConfig fsm = FsmConfig.of(config.asn(), config.routerId(), p.asn(), List.of())
                    .withHoldTime(p.holdTime()).withKeepaliveTime(p.keepaliveTime())
                    .withRetry(p.connectRetry(), max(p.connectRetry(), Duration.ofSeconds(120)), Duration.ofSeconds(1))
                    .withPassive(p.passive()).withCapabilities(caps);
            PeerTransport t = new PeerTransport(new java.net.InetSocketAddress(p.address(), p.port()), p.localAddress(), p.localPort(),
                    p.ttl(), p.md5Password(), Duration.ofSeconds(5));
            PeerSession s = new PeerSession(p.name(), t, fsm, sockets, timers, upcalls);
            sessions.put(p.name(), s);
            if (listener != null) listener.register(t, s::inbound);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Starts listening and connecting with java.net sockets. */
    public static Speaker start(SpeakerConfig config) throws IOException {
        return start(config, PlainSocketFactory.INSTANCE);
    }

    public static Speaker start(SpeakerConfig config, SocketFactory sockets) throws IOException {
        Speaker s = new Speaker(config, sockets);
        if (s.listener != null) s.listener.start();
        s.sessions.values().forEach(PeerSession::start);
        return s;
    }

    public SpeakerConfig config() {
        return config;
    }

    /** The port the listener is bound to (useful with port 0), or -1 without a listener. */
    public int listenPort() {
        return listener == null ? -1 : listener.port();
    }

    private <T> CompletableFuture<T> onEngine(Supplier<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        engineBox.execute(() -> {
            try {
                f.complete(task.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** Originates a prefix (or changes its communities). */
    public CompletableFuture<Void> announce(Prefix prefix, List<Long> communities) {
        return onEngine(() -> {
            engine.originate(prefix, communities);
            return null;
        });
    }

    public CompletableFuture<Void> withdraw(Prefix prefix) {
        return onEngine(() -> {
            engine.withdraw(prefix);
            return null;
        });
    }

    /** The Loc-RIB's best routes. */
    public CompletableFuture<List<Route>> routes() {
        return onEngine(() -> List.copyOf(engine.rib().locRib().bests()));
    }

    /** How many prefixes the Loc-RIB holds. */
    public CompletableFuture<Integer> locRibSize() {
        return onEngine(() -> engine.rib().locRib().size());
    }

    /** Why the best path to {@code prefix} won. */
    public CompletableFuture<Explanation> explain(Prefix prefix) {
        return onEngine(() -> engine.rib().locRib().explain(prefix));
    }

    /** Subscribes to best-path changes (called on the engine thread; must not block). */
    public CompletableFuture<AutoCloseable> subscribe(BestPathListener l) {
        return onEngine(() -> engine.rib().locRib().subscribe(l));
    }

    /** When each peer's session last reached Established (wall clock); peers never up are absent. */
    public Map<String, java.time.Instant> establishedAt() {
        return Map.copyOf(establishedAt);
    }

    /**
     * Completes with the wall-clock time at which the Loc-RIB first held at least {@code prefixes} prefixes. The
     * count is checked once per applied UPDATE, not per prefix, so waiting costs next to nothing.
     */
    public CompletableFuture<java.time.Instant> whenLocRibReaches(int prefixes) {
        CompletableFuture<java.time.Instant> f = new CompletableFuture<>();
        engineBox.execute(() -> {
            countWaiter = new LocRibCountWaiter(prefixes, f);
            checkCountWaiter();
        });
        return f;
    }

    private record LocRibCountWaiter(int prefixes, CompletableFuture<java.time.Instant> done) {
    }

    private void checkCountWaiter() {
        LocRibCountWaiter w = countWaiter;
        if (w != null && engine.rib().locRib().size() >= w.prefixes()) {
            countWaiter = null;
            w.done().complete(java.time.Instant.now());
        }
    }

    /** Each peer's FSM state. */
    public Map<String, State> peerStates() {
        Map<String, State> out = new LinkedHashMap<>();
        sessions.forEach((n, s) -> out.put(n, s.state()));
        return out;
    }

    /**
     * Stops all sessions. Graceful: close the connections without NOTIFICATION so that peers that negotiated
     * graceful restart keep our routes for our Restart Time (RFC 4724 §4.2), e.g. for an upgrade. Otherwise Cease /
     * Administrative Shutdown (RFC 4486; sent as Hard Reset when the N bit is negotiated, RFC 8538 §5).
     */
    public void close(boolean graceful) {
        Notification n = graceful ? null : Notification.shutdown(ErrorCodes.CEASE_ADMINISTRATIVE_SHUTDOWN, "junction shutting down");
        for (PeerSession s : sessions.values()) s.stop(n);
        try {
            if (listener != null) listener.close();
            for (PeerSession s : sessions.values()) {
                s.close();
                s.awaitClosed(2000);
            }
            Thread.sleep(200); // let the writers flush the NOTIFICATIONs
        } catch (IOException e) {
            LOG.log(Logger.Level.WARNING, "closing the listener: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engineBox.close();
        timers.close();
    }

    @Override
    public void close() {
        close(false);
    }

    /** Session upcalls, posted to the engine. */
    private final class Upcalls implements PeerSession.Listener {
        public void established(PeerSession peer, SessionInfo info) {
            establishedAt.put(peer.name(), java.time.Instant.now());
            engineBox.execute(() -> engine.peerUp(peer.name(), info));
        }

        public void down(PeerSession peer, long epoch, SessionDown down) {
            engineBox.execute(() -> engine.peerDown(peer.name(), epoch, down));
        }

        public void update(PeerSession peer, long epoch, Update update, List<DecodeError> problems) {
            engineBox.execute(() -> {
                engine.update(peer.name(), epoch, update, problems);
                checkCountWaiter();
            });
        }

        public void routeRefresh(PeerSession peer, long epoch, RouteRefresh refresh) {
            engineBox.execute(() -> engine.routeRefresh(peer.name(), epoch, refresh));
        }
    }
}
