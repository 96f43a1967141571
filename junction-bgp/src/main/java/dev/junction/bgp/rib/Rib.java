package dev.junction.bgp.rib;

import dev.junction.bgp.rib.policy.Policy;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Prefix;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routing information bases of RFC 4271 §3.2 for all peers: per peer an Adj-RIB-In (after loop checks and
 * import policy) and an Adj-RIB-Out (after {@link ExportRules} and export policy), and the shared {@link LocRib}.
 * Every change to a best path is pushed through each Established peer's export; the resulting Adj-RIB-Out
 * changes collect per peer until {@link #drain()}, so one inbound UPDATE becomes as few outbound UPDATEs as
 * possible. Single-threaded, owned by the routing engine.
 */
public final class Rib {
    /**
     * @param clusterId our CLUSTER_ID (RFC 4456 §7); the router id unless configured
     */
    public record Config(long asn, Inet4Address routerId, Inet4Address clusterId, DecisionProcess.Options decision) {
        public static Config of(long asn, Inet4Address routerId) {
            return new Config(asn, routerId, routerId, DecisionProcess.Options.defaults(asn));
        }
    }

    private final Config config;
    private final LocRib locRib;
    private final Source local;
    private final AdjRibIn localRoutes = new AdjRibIn();
    private final Map<InetAddress, PeerRib> peers = new LinkedHashMap<>();
    private long sequence;
    private final AttributeInterner interner = new AttributeInterner();
    private RouteAttributes lastLoopChecked;
    private Optional<String> lastLoopResult;
    /** {@link #exportLocal()}, cached: it only changes when a peer is added. */
    private ExportRules.Local exportLocal;

    public Rib(Config config) {
        this.config = config;
        this.locRib = new LocRib(DecisionProcess.standard(config.decision()));
        this.local = Source.local(config.asn(), config.routerId());
    }

    public LocRib locRib() {
        return locRib;
    }

    public PeerRib addPeer(Source source, Policy importPolicy, Policy exportPolicy) {
        PeerRib p = new PeerRib(source, importPolicy, exportPolicy);
        peers.put(source.address(), p);
        exportLocal = null;
        return p;
    }

    /** Replaces the peer's policies; the export side takes effect at once (only changed routes are queued). */
    public void setPolicies(InetAddress address, Policy importPolicy, Policy exportPolicy) {
        PeerRib p = peer(address);
        p.importPolicy = importPolicy;
        p.exportPolicy = exportPolicy;
        if (p.target != null && !locRib.deferred()) fullTable(p);
    }

    /** Withdraws the peer's routes (without graceful restart) and forgets it. */
    public void removePeer(InetAddress address) {
        if (!peers.containsKey(address)) return;
        down(address, Set.of());
        peers.remove(address);
    }

    public PeerRib peer(InetAddress address) {
        PeerRib p = peers.get(address);
        if (p == null) throw new IllegalArgumentException("unknown peer " + address);
        return p;
    }

    public Collection<PeerRib> peers() {
        return peers.values();
    }

    private ExportRules.Local exportLocal() {
        if (exportLocal == null) exportLocal = computeExportLocal();
        return exportLocal;
    }

    private ExportRules.Local computeExportLocal() {
        boolean reflector = peers.values().stream().anyMatch(p -> p.source.routeReflectorClient());
        return new ExportRules.Local(config.asn(), config.routerId(), config.clusterId(), reflector, config.decision().defaultLocalPref());
    }

    /**
     * A route announced by a peer: loop checks, import policy, Adj-RIB-In, Loc-RIB. A looped or rejected route
     * withdraws the peer's previous route for the prefix. Returns why it was not accepted, or empty.
     */
    public Optional<String> learn(InetAddress peer, Prefix prefix, RouteAttributes attributes) {
        PeerRib p = peer(peer);
        Optional<String> loop = loopCheck(attributes);
        if (loop.isPresent()) {
            forget(peer, prefix);
            return loop;
        }
        RouteAttributes accepted = attributes;
        if (!p.importPolicy.terms().isEmpty() || !p.importPolicy.defaultAccept()) {
            Policy.Verdict v = p.importPolicy.apply(prefix, attributes, new Policy.Context(config.asn(), null));
            if (!v.accepted()) {
                forget(peer, prefix);
                return Optional.of("rejected by import policy " + p.importPolicy.name() + " term " + v.term());
            }
            accepted = v.attributes();
        }
        // (A policy without terms that accepts by default accepts everything unchanged: no verdict to build.)
        Route r = new Route(prefix, p.source, interner.intern(accepted), ++sequence);
        p.in.put(prefix, r);
        locRib.put(prefix, r).ifPresent(this::propagate);
        return Optional.empty();
    }

    /**
     * {@link ImportChecks#loop} for these attributes. The result depends on the attributes alone, and every prefix
     * of an UPDATE comes with the same attributes object, so the last answer is reused by identity.
     */
    private Optional<String> loopCheck(RouteAttributes attributes) {
        if (attributes != lastLoopChecked) {
            lastLoopResult = ImportChecks.loop(attributes, config.asn(), config.routerId(), config.clusterId());
            lastLoopChecked = attributes;
        }
        return lastLoopResult;
    }

    /** A withdrawn route (or one treated as withdrawn, RFC 7606 §2). */
    public void forget(InetAddress peer, Prefix prefix) {
        PeerRib p = peer(peer);
        if (p.in.remove(prefix).isPresent()) locRib.remove(prefix, p.source.address()).ifPresent(this::propagate);
    }

    /** Originates (or changes) one of our own routes. */
    public void originate(Prefix prefix, RouteAttributes attributes) {
        Route r = new Route(prefix, local, interner.intern(attributes), ++sequence);
        localRoutes.put(prefix, r);
        locRib.put(prefix, r).ifPresent(this::propagate);
    }

    public void withdrawLocal(Prefix prefix) {
        if (localRoutes.remove(prefix).isPresent()) locRib.remove(prefix, local.address()).ifPresent(this::propagate);
    }

    public Collection<Route> localRoutes() {
        return localRoutes.routes();
    }

    /**
     * The peer's session is Established: remember the target and, unless selection is deferred, queue the whole
     * table for it (the initial update of RFC 4271 §9.4 / RFC 4724 §2, before End-of-RIB).
     */
    public void up(InetAddress peer, Inet4Address peerRouterId, ExportRules.Target target, Set<AfiSafi> families) {
        PeerRib p = peer(peer);
        p.source = p.source.withRouterId(peerRouterId);
        p.target = new ExportRules.Target(p.source, target.nextHopV4(), target.nextHopV6());
        p.families.clear();
        p.families.addAll(families);
        p.out.clear();
        p.pending.clear();
        if (!locRib.deferred()) fullTable(p);
    }

    /**
     * The session went down. Without graceful restart the peer's routes are withdrawn; with it, the routes of
     * {@code retained} families stay as stale (RFC 4724 §4.2) and the others go.
     */
    public void down(InetAddress peer, Set<AfiSafi> retained) {
        PeerRib p = peer(peer);
        p.target = null;
        p.out.clear();
        p.pending.clear();
        p.in.markStale(retained);
        for (Route r : p.in.routes()) if (!retained.contains(r.family())) forget(peer, r.prefix());
    }

    /** Removes the peer's routes of {@code family} still stale (End-of-RIB, or a restart/stale timer expired). */
    public List<Prefix> sweepStale(InetAddress peer, AfiSafi family) {
        PeerRib p = peer(peer);
        List<Prefix> gone = p.in.sweepStale(family);
        for (Prefix prefix : gone) locRib.remove(prefix, p.source.address()).ifPresent(this::propagate);
        return gone;
    }

    /** Drops every route of the family from the peer (AFI/SAFI disable, RFC 7606 §2 / RFC 4760 §7). */
    public void dropFamily(InetAddress peer, AfiSafi family) {
        PeerRib p = peer(peer);
        for (Prefix prefix : p.in.removeAll(family)) locRib.remove(prefix, p.source.address()).ifPresent(this::propagate);
    }

    /** Queues the whole Adj-RIB-Out of a family again (ROUTE-REFRESH, RFC 2918 §4). */
    public void refresh(InetAddress peer, AfiSafi family) {
        PeerRib p = peer(peer);
        if (p.target == null) return;
        for (AdjRibOut.Change c : p.out.all(family)) p.pending.put(c.prefix(), c);
    }

    /** Defers route selection (RFC 4724 §4.1); see {@link LocRib#defer}. */
    public void defer() {
        locRib.defer();
    }

    /** Ends deferral: selects, reports best-path changes, and queues full tables for every Established peer. */
    public void resume() {
        locRib.resume();
        for (PeerRib p : peers.values()) if (p.target != null) fullTable(p);
    }

    /** The changes queued per peer since the last drain, in queue order; the queues are emptied. */
    public Map<InetAddress, List<AdjRibOut.Change>> drain() {
        Map<InetAddress, List<AdjRibOut.Change>> out = new LinkedHashMap<>();
        for (PeerRib p : peers.values()) {
            if (p.pending.isEmpty()) continue;
            out.put(p.source.address(), new ArrayList<>(p.pending.values()));
            p.pending.clear();
        }
        return out;
    }

    private void fullTable(PeerRib p) {
        List<Route> bests = new ArrayList<>(locRib.bests());
        bests.sort(Comparator.comparing(r -> r.prefix().toString()));
        for (Route r : bests) export(p, r.prefix(), Optional.of(r));
    }

    private void propagate(BestChange change) {
        for (PeerRib p : peers.values()) if (p.target != null) export(p, change.prefix(), change.newBest());
    }

    private void export(PeerRib p, Prefix prefix, Optional<Route> best) {
        Optional<RouteAttributes> attrs = Optional.empty();
        if (best.isPresent() && p.families.contains(best.get().family())) {
            attrs = ExportRules.export(best.get(), p.target, exportLocal());
            if (attrs.isPresent()) {
                Policy.Verdict v = p.exportPolicy.apply(prefix, attrs.get(),
                        new Policy.Context(config.asn(), p.target.self(prefix.family())));
                attrs = v.accepted() && v.attributes().nextHop() != null ? Optional.of(v.attributes()) : Optional.empty();
            }
        }
        p.out.set(prefix, attrs).ifPresent(c -> p.pending.put(prefix, c));
    }
}
