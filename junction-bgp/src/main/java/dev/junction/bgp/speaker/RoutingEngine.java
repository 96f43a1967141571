package dev.junction.bgp.speaker;

import dev.junction.bgp.fsm.Negotiated;
import dev.junction.bgp.fsm.Scheduler;
import dev.junction.bgp.fsm.SessionDown;
import dev.junction.bgp.rib.AdjRibOut;
import dev.junction.bgp.rib.DecisionProcess;
import dev.junction.bgp.rib.ExportRules;
import dev.junction.bgp.rib.Rib;
import dev.junction.bgp.rib.Route;
import dev.junction.bgp.rib.RouteAttributes;
import dev.junction.bgp.rib.Source;
import dev.junction.bgp.rib.UpdatePacker;
import dev.junction.bgp.rib.WireAttributes;
import dev.junction.bgp.session.SessionInfo;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.As4;
import dev.junction.bgp.wire.DecodeError;
import dev.junction.bgp.wire.ErrorAction;
import dev.junction.bgp.wire.PathAttribute;
import dev.junction.bgp.wire.Prefix;
import dev.junction.bgp.wire.RouteRefresh;
import dev.junction.bgp.wire.Update;

import java.lang.System.Logger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The speaker's routing core between sessions and RIB, single-threaded (the engine's mailbox) and free of I/O:
 * sessions coming up get the full table followed by End-of-RIB; UPDATEs are applied with their RFC 7606 action;
 * sessions going down withdraw the peer's routes, or keep them as stale under graceful restart
 * ({@link GracefulRestartState}); a restarting speaker defers selection until its peers' End-of-RIB markers
 * (RFC 4724 §4.1). Outbound UPDATEs leave through {@link Output}.
 */
public final class RoutingEngine {
    private static final Logger LOG = System.getLogger(RoutingEngine.class.getName());

    /** Where the engine's decisions go; must not block. */
    public interface Output {
        /** Send these UPDATEs on the peer's session {@code epoch}, in order. */
        void send(String peer, long epoch, List<Update> updates);

        /** Reset the peer's session: its routes broke the engine (a bug), other peers carry on. */
        void reset(String peer, String why);
    }

    /** One configured peer. */
    static final class Peer {
        PeerConfig config;
        long epoch; // 0 while down
        Negotiated negotiated;
        java.time.Instant since; // last Established or down, for the admin view
        String lastDown;
        final java.util.Set<AfiSafi> endOfRibReceived = new java.util.HashSet<>();
        final java.util.Set<AfiSafi> disabled = new java.util.HashSet<>();

        Peer(PeerConfig config) {
            this.config = config;
        }

        boolean up() {
            return epoch != 0;
        }
    }

    private final SpeakerConfig config;
    private final Output output;
    private final Rib rib;
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private final GracefulRestartState restart;

    public RoutingEngine(SpeakerConfig config, Scheduler scheduler, Output output) {
        this.config = config;
        this.output = output;
        DecisionProcess.Options options = new DecisionProcess.Options(config.asn(), config.defaultLocalPref(),
                config.alwaysCompareMed(), false, nh -> 0);
        this.rib = new Rib(new Rib.Config(config.asn(), config.routerId(), config.effectiveClusterId(), options));
        for (PeerConfig p : config.peers()) register(p);
        this.restart = new GracefulRestartState(this, config.gracefulRestart(), scheduler);
        for (SpeakerConfig.Originated o : config.originated()) rib.originate(o.prefix(), RouteAttributes.local(o.communities()));
    }

    private void register(PeerConfig p) {
        peers.put(p.name(), new Peer(p));
        rib.addPeer(Source.peer(p.address(), p.asn(), config.asn(), Inet4Address.ofLiteral("0.0.0.0"), p.routeReflectorClient()),
                p.importPolicy(), p.exportPolicy());
    }

    /** A peer configured at run time; its session is not up yet. */
    public void addPeer(PeerConfig p) {
        if (peers.containsKey(p.name())) throw new IllegalArgumentException("a peer named " + p.name() + " exists");
        for (Peer q : peers.values()) {
            if (q.config.address().equals(p.address())) throw new IllegalArgumentException("peer " + q.config.name() + " has address " + p.address().getHostAddress());
        }
        register(p);
    }

    /**
     * New import and export policies for a peer, in place: the Adj-RIB-Out is recomputed and only the difference
     * is sent. Routes already learned keep their import verdict until the peer re-sends them (the caller asks for
     * that with ROUTE-REFRESH).
     */
    public void setPolicies(String name, dev.junction.bgp.rib.policy.Policy importPolicy, dev.junction.bgp.rib.policy.Policy exportPolicy) {
        Peer p = peers.get(name);
        if (p == null) throw new IllegalArgumentException("unknown peer " + name);
        p.config = p.config.withPolicies(importPolicy, exportPolicy);
        rib.setPolicies(p.config.address(), importPolicy, exportPolicy);
        flush();
    }

    /** A peer's current configuration. */
    public PeerConfig peerConfig(String name) {
        Peer p = peers.get(name);
        if (p == null) throw new IllegalArgumentException("unknown peer " + name);
        return p.config;
    }

    /** Forgets a peer: its routes leave the Loc-RIB (and other peers hear the withdraws), as if it went down for good. */
    public void removePeer(String name) {
        Peer p = peers.remove(name);
        if (p == null) return;
        rib.removePeer(p.config.address());
        restart.checkDeferral(); // a restarting speaker no longer waits for this peer's End-of-RIB
        flush();
    }

    public Rib rib() {
        return rib;
    }

    Map<String, Peer> peers() {
        return peers;
    }

    GracefulRestartState restart() {
        return restart;
    }

    /** True while a restarting speaker still defers selection (the R bit goes into OPENs meanwhile). */
    public boolean deferring() {
        return restart.deferring();
    }

    public void peerUp(String name, SessionInfo info) {
        Peer p = peers.get(name);
        if (p == null) return; // removed meanwhile: its session's last events are moot
        p.epoch = info.epoch();
        p.negotiated = info.negotiated();
        p.since = java.time.Instant.now();
        p.endOfRibReceived.clear();
        p.disabled.clear();
        InetAddress local = info.local().getAddress();
        InetAddress v4 = local instanceof Inet4Address ? local : null;
        InetAddress v6 = p.config.nextHopV6() != null ? p.config.nextHopV6() : local instanceof Inet6Address ? local : null;
        rib.up(p.config.address(), info.negotiated().peerId(), new ExportRules.Target(rib.peer(p.config.address()).source(), v4, v6),
                info.negotiated().families());
        restart.peerUp(p);
        if (!restart.deferring()) sendInitialTable(p);
        restart.checkDeferral();
        flush();
    }

    /** The table was queued by {@link Rib#up}; it goes out first, then End-of-RIB per family (RFC 4724 §2). */
    void sendInitialTable(Peer p) {
        flush();
        List<Update> eor = new ArrayList<>();
        for (AfiSafi f : sorted(p.negotiated.families())) eor.add(Update.endOfRib(f));
        output.send(p.config.name(), p.epoch, eor);
    }

    public void peerDown(String name, long epoch, SessionDown down) {
        Peer p = peers.get(name);
        if (p == null) return; // removed meanwhile: its session's last events are moot
        if (p.epoch != epoch) return;
        p.epoch = 0;
        p.since = java.time.Instant.now();
        p.lastDown = describe(down);
        Set<AfiSafi> retained = down.retainRoutes() ? down.negotiated().helperFamilies() : Set.of();
        rib.down(p.config.address(), retained);
        restart.peerDown(p, down, retained);
        flush();
    }

    private static String describe(SessionDown down) {
        StringBuilder b = new StringBuilder(down.reason().toString());
        down.sent().ifPresent(n -> b.append(", sent ").append(dev.junction.bgp.wire.NotificationText.of(n)));
        down.received().ifPresent(n -> b.append(", received ").append(dev.junction.bgp.wire.NotificationText.of(n)));
        return b.toString();
    }

    /** The admin view of every peer; {@code states} come from the sessions (the engine does not track the FSM). */
    public List<NeighborStatus> neighbors(Map<String, dev.junction.bgp.fsm.State> states) {
        Map<InetAddress, Integer> best = new java.util.HashMap<>();
        for (Route r : rib.locRib().bests()) best.merge(r.source().address(), 1, Integer::sum);
        List<NeighborStatus> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            PeerConfig c = p.config;
            var pr = rib.peer(c.address());
            boolean up = p.up();
            out.add(new NeighborStatus(c.name(), c.address(), c.port(), c.asn(), c.routeReflectorClient(), c.md5Password().isPresent(),
                    states.getOrDefault(c.name(), dev.junction.bgp.fsm.State.IDLE), java.util.Optional.ofNullable(p.since),
                    up ? java.util.Optional.of(p.negotiated.peerId()) : java.util.Optional.empty(),
                    up ? p.negotiated.holdTime() : 0, up ? p.negotiated.families() : Set.of(),
                    pr.adjRibIn().size(), pr.adjRibIn().staleCount(), best.getOrDefault(c.address(), 0), pr.adjRibOut().size(),
                    java.util.Optional.ofNullable(p.lastDown)));
        }
        return out;
    }

    /** An UPDATE from an Established session, with the decoder's RFC 7606 problems. */
    public void update(String name, long epoch, Update update, List<DecodeError> problems) {
        Peer p = peers.get(name);
        if (p == null) return; // removed meanwhile: its session's last events are moot
        if (p.epoch != epoch) return;
        try {
            apply(p, update, problems);
        } catch (RuntimeException e) {
            LOG.log(Logger.Level.ERROR, "peer " + name + ": failed to apply an UPDATE; resetting that session", e);
            output.reset(name, String.valueOf(e));
        }
        flush();
    }

    private void apply(Peer p, Update update, List<DecodeError> problems) {
        InetAddress addr = p.config.address();
        if (update.endOfRib().isPresent() && problems.isEmpty()) {
            AfiSafi f = update.endOfRib().get();
            p.endOfRibReceived.add(f);
            restart.endOfRib(p, f);
            return;
        }
        ErrorAction action = null;
        for (DecodeError e : problems) {
            action = e.action().strongest(action);
            if (e.action() == ErrorAction.AFI_SAFI_DISABLE && e.family() != null && p.disabled.add(e.family())) {
                // RFC 7606 §2 "AFI/SAFI disable", RFC 4760 §7: ignore the family for the rest of the session.
                LOG.log(Logger.Level.WARNING, "peer " + p.config.name() + ": disabling " + e.family() + ": " + e.reason());
                rib.dropFamily(addr, e.family());
            }
        }
        if (action == ErrorAction.TREAT_AS_WITHDRAW) {
            // RFC 7606 §2: "as though all contained routes had been withdrawn".
            update.treatAsWithdraw().forEach((f, ps) -> {
                if (carries(p, f)) for (Prefix x : ps) rib.forget(addr, x);
            });
            return;
        }
        update.unreachable().forEach((f, ps) -> {
            if (carries(p, f)) for (Prefix x : ps) rib.forget(addr, x);
        });
        List<PathAttribute> attrs = p.negotiated.fourOctetAs() ? update.attributes() : As4.fromOldSpeaker(update.attributes());
        update.reachable().forEach((f, ps) -> {
            if (!carries(p, f)) return;
            RouteAttributes a = WireAttributes.fromWire(attrs, f);
            if (a.nextHop() == null) {
                // Cannot happen after the decoder's checks (RFC 7606 §3 (d), RFC 4760 §3); a null next hop would
                // otherwise read as "self" on export.
                for (Prefix x : ps) rib.forget(addr, x);
                return;
            }
            for (Prefix x : ps) {
                rib.learn(addr, x, a).ifPresent(why -> LOG.log(Logger.Level.DEBUG, "peer " + p.config.name() + ": " + x + " not accepted: " + why));
            }
        });
    }

    private static boolean carries(Peer p, AfiSafi f) {
        return p.negotiated.families().contains(f) && !p.disabled.contains(f);
    }

    /** RFC 2918 §4: re-send the Adj-RIB-Out of the family (followed by End-of-RIB, as BIRD does). */
    public void routeRefresh(String name, long epoch, RouteRefresh refresh) {
        Peer p = peers.get(name);
        if (p == null) return; // removed meanwhile: its session's last events are moot
        if (p.epoch != epoch || restart.deferring()) return;
        rib.refresh(p.config.address(), refresh.family());
        flush();
        output.send(name, p.epoch, List.of(Update.endOfRib(refresh.family())));
    }

    public void originate(Prefix prefix, List<Long> communities) {
        rib.originate(prefix, RouteAttributes.local(communities));
        flush();
    }

    public void withdraw(Prefix prefix) {
        rib.withdrawLocal(prefix);
        flush();
    }

    /** Sends every peer's queued Adj-RIB-Out changes. */
    void flush() {
        Map<InetAddress, List<AdjRibOut.Change>> out = rib.drain();
        if (out.isEmpty()) return;
        for (Peer p : peers.values()) {
            List<AdjRibOut.Change> changes = out.get(p.config.address());
            if (changes == null || !p.up()) continue;
            output.send(p.config.name(), p.epoch, UpdatePacker.pack(changes, p.negotiated.encodeContext()));
        }
    }

    static List<AfiSafi> sorted(Set<AfiSafi> families) {
        return families.stream().sorted(java.util.Comparator.comparingInt(AfiSafi::afi).thenComparingInt(AfiSafi::safi)).toList();
    }
}
