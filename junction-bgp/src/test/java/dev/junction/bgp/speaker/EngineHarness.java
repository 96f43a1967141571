package dev.junction.bgp.speaker;

import dev.junction.bgp.fsm.FsmConfig;
import dev.junction.bgp.fsm.Negotiated;
import dev.junction.bgp.fsm.Reason;
import dev.junction.bgp.fsm.SessionDown;
import dev.junction.bgp.fsm.VirtualScheduler;
import dev.junction.bgp.session.SessionInfo;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Capability;
import dev.junction.bgp.wire.Capability.GracefulRestart;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.Open;
import dev.junction.bgp.wire.PathAttribute;
import dev.junction.bgp.wire.Prefix;
import dev.junction.bgp.wire.Update;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link RoutingEngine} on virtual time with recorded output. We are AS 64512, 10.0.0.100; peers "x" (10.0.0.1)
 * and "y" (10.0.0.2) are internal, "e" (192.0.2.1, AS 65001) external. Sessions are built from real OPENs.
 */
final class EngineHarness implements RoutingEngine.Output {
    static final Inet4Address ME = Inet4Address.ofLiteral("10.0.0.100");
    static final Map<String, InetAddress> ADDRESSES = Map.of("x", ip("10.0.0.1"), "y", ip("10.0.0.2"), "e", ip("192.0.2.1"));

    final VirtualScheduler time = new VirtualScheduler();
    final SpeakerConfig config;
    final RoutingEngine engine;
    final Map<String, List<Update>> sent = new HashMap<>();
    final List<String> resets = new ArrayList<>();
    final Map<String, Long> epochs = new HashMap<>();
    final Map<String, Negotiated> sessions = new HashMap<>();

    static InetAddress ip(String s) {
        return InetAddress.ofLiteral(s);
    }

    static SpeakerConfig config(GracefulRestartConfig gr, String... originated) {
        List<PeerConfig> peers = List.of(
                PeerConfig.builder("x", ADDRESSES.get("x"), 64512).build(),
                PeerConfig.builder("y", ADDRESSES.get("y"), 64512).build(),
                PeerConfig.builder("e", ADDRESSES.get("e"), 65001).build());
        List<SpeakerConfig.Originated> o = new ArrayList<>();
        for (String p : originated) o.add(new SpeakerConfig.Originated(Prefix.parse(p), List.of()));
        return new SpeakerConfig(ME, 64512, null, null, peers, o, gr, false, 100);
    }

    EngineHarness(SpeakerConfig config) {
        this.config = config;
        this.engine = new RoutingEngine(config, time, this);
    }

    @Override
    public void send(String peer, long epoch, List<Update> updates) {
        if (epoch != epochs.getOrDefault(peer, -1L)) throw new AssertionError("send for a stale epoch of " + peer);
        sent.computeIfAbsent(peer, k -> new ArrayList<>()).addAll(updates);
    }

    @Override
    public void reset(String peer, String why) {
        resets.add(peer + ": " + why);
    }

    static GracefulRestart gr(boolean restartState, boolean forwarding, int restartTime) {
        return new GracefulRestart(GracefulRestart.NOTIFICATION | (restartState ? GracefulRestart.RESTART_STATE : 0), restartTime,
                List.of(GracefulRestart.Family.of(AfiSafi.IPV4_UNICAST, forwarding)));
    }

    /** Brings the peer up; {@code peerGr} null = the peer does not advertise graceful restart. */
    void up(String peer, GracefulRestart peerGr) {
        PeerConfig pc = config.peers().stream().filter(p -> p.name().equals(peer)).findFirst().orElseThrow();
        List<Capability> ours = Capabilities.forPeer(config, pc, engine.deferring());
        Open local = Open.of(64512, 90, ME, ours);
        List<Capability> theirs = new ArrayList<>(List.of(new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST), new Capability.FourOctetAs(pc.asn()),
                new Capability.RouteRefreshCapability()));
        if (peerGr != null) theirs.add(peerGr);
        Open remote = Open.of(pc.asn(), 90, (Inet4Address) pc.address(), theirs);
        FsmConfig fc = FsmConfig.of(64512, ME, pc.asn(), ours);
        Negotiated n = Negotiated.of(local, remote, fc);
        long epoch = epochs.merge(peer, 1L, Long::sum);
        sessions.put(peer, n);
        engine.peerUp(peer, new SessionInfo(epoch, n, new InetSocketAddress(ME, 179), new InetSocketAddress(pc.address(), 40000)));
    }

    /** The session ends by TCP failure (no NOTIFICATION), or with {@code received}. */
    void down(String peer, Notification received) {
        SessionDown d = new SessionDown(received == null ? Reason.TCP_FAILED : Reason.NOTIFICATION_RECEIVED, sessions.get(peer),
                Optional.empty(), Optional.ofNullable(received));
        engine.peerDown(peer, epochs.get(peer), d);
        epochs.put(peer, epochs.get(peer) + 1000); // anything sent for the old epoch now fails the test
    }

    void receive(String peer, Update u) {
        engine.update(peer, epochs.get(peer), u, List.of());
    }

    static Update announce(String nextHop, long[] path, String... prefixes) {
        List<Prefix> nlri = java.util.Arrays.stream(prefixes).map(Prefix::parse).toList();
        return new Update(List.of(), List.of(PathAttribute.Origin.IGP, PathAttribute.AsPath.sequence(path), PathAttribute.NextHop.of(nextHop)), nlri);
    }

    static Update withdraw(String... prefixes) {
        return new Update(java.util.Arrays.stream(prefixes).map(Prefix::parse).toList(), List.of(), List.of());
    }

    List<Update> take(String peer) {
        List<Update> out = sent.getOrDefault(peer, List.of());
        sent.remove(peer);
        return out;
    }

    /** Prefixes announced to the peer in what was sent. */
    static List<Prefix> announced(List<Update> us) {
        return us.stream().flatMap(u -> u.reachable().values().stream().flatMap(List::stream)).toList();
    }

    static List<Prefix> withdrawn(List<Update> us) {
        return us.stream().flatMap(u -> u.unreachable().values().stream().flatMap(List::stream)).toList();
    }

    static long endOfRibs(List<Update> us) {
        return us.stream().filter(u -> u.endOfRib().isPresent()).count();
    }

    boolean hasRoute(String prefix) {
        return engine.rib().locRib().best(Prefix.parse(prefix)).isPresent();
    }
}
