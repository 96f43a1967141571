package dev.junction.bgp.speaker;

import dev.junction.bgp.fsm.FsmConfig;
import dev.junction.bgp.fsm.Scheduler;
import dev.junction.bgp.fsm.SessionDown;
import dev.junction.bgp.fsm.State;
import dev.junction.bgp.rib.BestPathListener;
import dev.junction.bgp.rib.Explanation;
import dev.junction.bgp.rib.Route;
import dev.junction.bgp.rib.Source;
import dev.junction.bgp.session.Listener;
import dev.junction.bgp.session.Mailbox;
import dev.junction.bgp.session.PeerSession;
import dev.junction.bgp.session.PeerTransport;
import dev.junction.bgp.session.PlainSocketFactory;
import dev.junction.bgp.session.linux.NativeSocketFactory;
import dev.junction.bgp.session.SessionInfo;
import dev.junction.bgp.session.SocketFactory;
import dev.junction.bgp.session.SystemScheduler;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.DecodeError;
import dev.junction.bgp.wire.ErrorCodes;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.Prefix;
import dev.junction.bgp.wire.RouteRefresh;
import dev.junction.bgp.wire.Update;

import java.io.IOException;
import java.lang.System.Logger;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** By name, in the order peers were added; read from callers' threads, so every access holds its lock. */
    private final Map<String, PeerSession> sessions = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Listener listener;
    private final SocketFactory sockets;
    private final PeerSession.Listener upcalls = new Upcalls();
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
                PeerSession s = sessions.get(peer);
                if (s != null) s.send(epoch, updates); // null: removed meanwhile
            }

            public void reset(String peer, String why) {
                PeerSession s = sessions.get(peer);
                if (s != null) s.reset(why);
            }
        });
        this.sockets = sockets;
        this.listener = config.listen() == null ? null : new Listener(sockets, config.listen());
        for (PeerConfig p : config.peers()) newSession(p);
    }

    private static PeerTransport transport(PeerConfig p) {
        return new PeerTransport(new java.net.InetSocketAddress(p.address(), p.port()), p.localAddress(), p.localPort(),
                p.ttl(), p.md5Password(), Duration.ofSeconds(5));
    }

    /** A session for {@code p}, registered with the listener but not started. */
    private PeerSession newSession(PeerConfig p) throws IOException {
        Supplier<List<dev.junction.bgp.wire.Capability>> caps = () -> Capabilities.forPeer(config, p, restarting.get());
        FsmConfig fsm = FsmConfig.of(config.asn(), config.routerId(), p.asn(), List.of())
                .withHoldTime(p.holdTime()).withKeepaliveTime(p.keepaliveTime())
                .withRetry(p.connectRetry(), max(p.connectRetry(), Duration.ofSeconds(120)), Duration.ofSeconds(1))
                .withPassive(p.passive()).withCapabilities(caps);
        PeerTransport t = transport(p);
        PeerSession s = new PeerSession(p.name(), t, fsm, sockets, timers, upcalls);
        if (listener != null) listener.register(t, s::inbound);
        sessions.put(p.name(), s);
        return s;
    }

    /**
     * Adds a peer at run time (a node joined the cluster) and starts its session. Fails if a peer with the name or
     * address exists, or if the peer needs what the speaker's sockets cannot do (a password without native sockets).
     */
    public CompletableFuture<Void> addPeer(PeerConfig p) {
        return onEngine(() -> {
            engine.addPeer(p); // throws on a duplicate name or address
            try {
                newSession(p).start();
            } catch (IOException | RuntimeException e) {
                engine.removePeer(p.name());
                if (listener != null) listener.unregister(p.address());
                throw new IllegalArgumentException("peer " + p.name() + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    /**
     * Removes a peer at run time (a node left): Cease / Peer De-configured (RFC 4486) to it, its routes withdrawn from
     * the Loc-RIB and from every other peer. Completes when the routing state is updated; the session's own thread
     * ends after the NOTIFICATION is out.
     */
    public CompletableFuture<Void> removePeer(String name) {
        PeerSession s = sessions.remove(name);
        if (s == null) return CompletableFuture.failedFuture(new IllegalArgumentException("unknown peer " + name));
        s.stop(new Notification(ErrorCodes.CEASE, ErrorCodes.CEASE_PEER_DECONFIGURED));
        if (listener != null) listener.unregister(s.transport().address());
        timers.schedule(Duration.ofSeconds(2), s::close);
        return onEngine(() -> {
            engine.removePeer(name);
            return null;
        });
    }

    /**
     * Changes a peer. When only its policies differ the session stays up: the new export policy is applied to the
     * Adj-RIB-Out at once and, for a new import policy, the peer is asked to re-send its routes (ROUTE-REFRESH,
     * RFC 2918). Any other change re-creates the session.
     */
    public CompletableFuture<Void> updatePeer(PeerConfig p) {
        PeerSession s = sessions.get(p.name());
        if (s == null) return addPeer(p);
        return onEngine(() -> engine.peerConfig(p.name())).thenCompose(old -> {
            if (old.equals(p)) return CompletableFuture.completedFuture(null);
            if (!old.withPolicies(p.importPolicy(), p.exportPolicy()).equals(p)) {
                return removePeer(p.name()).thenCompose(v -> addPeer(p));
            }
            return onEngine(() -> {
                engine.setPolicies(p.name(), p.importPolicy(), p.exportPolicy());
                return null;
            }).thenRun(() -> {
                if (!old.importPolicy().equals(p.importPolicy())) for (AfiSafi f : p.families()) s.requestRefresh(f);
            });
        });
    }

    /** The configured peers, in the order they were added. */
    public List<String> peerNames() {
        synchronized (sessions) {
            return List.copyOf(sessions.keySet());
        }
    }

    private List<PeerSession> sessionsCopy() {
        synchronized (sessions) {
            return List.copyOf(sessions.values());
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Starts listening and connecting, with the sockets {@link #socketsFor} picks. */
    public static Speaker start(SpeakerConfig config) throws IOException {
        return start(config, socketsFor(config));
    }

    /**
     * Native descriptors when a peer has a TCP-MD5 password or a TTL and the platform has them (Linux); java.net
     * otherwise, whose sessions run on virtual threads. Without native access a password is refused at start.
     */
    public static SocketFactory socketsFor(SpeakerConfig config) {
        boolean needsNative = config.peers().stream().anyMatch(p -> p.md5Password().isPresent() || p.ttl() != 0);
        return needsNative && NativeSocketFactory.available() ? NativeSocketFactory.INSTANCE : PlainSocketFactory.INSTANCE;
    }

    public static Speaker start(SpeakerConfig config, SocketFactory sockets) throws IOException {
        Speaker s = new Speaker(config, sockets);
        if (s.listener != null) s.listener.start();
        s.sessionsCopy().forEach(PeerSession::start);
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

    /** Every neighbour's state, counters and last error. */
    public CompletableFuture<List<NeighborStatus>> neighbors() {
        Map<String, State> states = peerStates();
        return onEngine(() -> engine.neighbors(states));
    }

    /** Every path the Loc-RIB holds (best or not), in prefix order; {@code family} null for all. */
    public CompletableFuture<List<Explanation>> table(dev.junction.bgp.wire.AfiSafi family) {
        return onEngine(() -> {
            List<Explanation> out = new java.util.ArrayList<>();
            for (Route best : engine.rib().locRib().bests()) {
                if (family == null || best.family() == family) out.add(engine.rib().locRib().explain(best.prefix()));
            }
            out.sort(java.util.Comparator.comparing(Explanation::prefix, Prefix.ORDER));
            return out;
        });
    }

    /**
     * The prefixes of the Loc-RIB's best routes that are stale: kept over their peer's graceful restart until it
     * re-announces them, sends End-of-RIB or runs out of time (RFC 4724 §4.2).
     */
    public CompletableFuture<Set<Prefix>> staleBests() {
        return onEngine(() -> {
            Set<Prefix> stale = new HashSet<>();
            for (Route r : engine.rib().locRib().bests()) {
                if (r.source().kind() == Source.Kind.LOCAL) continue;
                if (engine.rib().peer(r.source().address()).adjRibIn().isStale(r.prefix())) stale.add(r.prefix());
            }
            return stale;
        });
    }

    /**
     * Asks the peer to re-send its routes of {@code family} (ROUTE-REFRESH, RFC 2918 §3), e.g. after an import policy
     * changed. Nothing is sent unless the session is Established with the family and the capability negotiated.
     */
    public void requestRefresh(String peer, AfiSafi family) {
        PeerSession s = sessions.get(peer);
        if (s == null) throw new IllegalArgumentException("unknown peer " + peer);
        s.requestRefresh(family);
    }

    /** How many prefixes the Loc-RIB holds. */
    public CompletableFuture<Integer> locRibSize() {
        return onEngine(() -> engine.rib().locRib().size());
    }

    /** True while a restarting speaker still defers best-path selection for its peers' End-of-RIB (RFC 4724 §4.1). */
    public CompletableFuture<Boolean> deferring() {
        return onEngine(engine::deferring);
    }

    /** Why the best path to {@code prefix} won. */
    public CompletableFuture<Explanation> explain(Prefix prefix) {
        return onEngine(() -> engine.rib().locRib().explain(prefix));
    }

    /**
     * Subscribes to best-path changes (called on the engine thread; must not block). The listener first hears
     * every current best path as an appearance, then the changes: list-then-watch, so that a subscriber that
     * comes after the first routes misses none of them.
     */
    public CompletableFuture<AutoCloseable> subscribe(BestPathListener l) {
        return onEngine(() -> {
            for (Route r : engine.rib().locRib().bests()) l.bestPathChanged(r.prefix(), java.util.Optional.empty(), java.util.Optional.of(r));
            return engine.rib().locRib().subscribe(l);
        });
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
        synchronized (sessions) {
            sessions.forEach((n, s) -> out.put(n, s.state()));
        }
        return out;
    }

    /**
     * Stops all sessions. Graceful: close the connections without NOTIFICATION so that peers that negotiated
     * graceful restart keep our routes for our Restart Time (RFC 4724 §4.2), e.g. for an upgrade. Otherwise Cease /
     * Administrative Shutdown (RFC 4486; sent as Hard Reset when the N bit is negotiated, RFC 8538 §5).
     */
    public void close(boolean graceful) {
        Notification n = graceful ? null : Notification.shutdown(ErrorCodes.CEASE_ADMINISTRATIVE_SHUTDOWN, "junction shutting down");
        List<PeerSession> all = sessionsCopy();
        for (PeerSession s : all) s.stop(n);
        try {
            if (listener != null) listener.close();
            for (PeerSession s : all) {
                s.close();
                s.awaitClosed(2000);
            }
            Thread.sleep(200); // let the writers flush the NOTIFICATIONs
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
