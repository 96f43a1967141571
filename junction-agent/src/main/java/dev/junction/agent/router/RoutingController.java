package dev.junction.agent.router;

import dev.junction.agent.bgp.BgpAdminServer;
import dev.junction.bgp.rib.Route;
import dev.junction.bgp.rib.Source;
import dev.junction.bgp.speaker.GracefulRestartConfig;
import dev.junction.bgp.speaker.PeerConfig;
import dev.junction.bgp.speaker.Speaker;
import dev.junction.bgp.speaker.SpeakerConfig;
import dev.junction.bgp.session.PlainSocketFactory;
import dev.junction.bgp.session.linux.NativeSocketFactory;
import dev.junction.bgp.wire.Prefix;
import dev.junction.kube.Rejections;
import dev.junction.model.Node;
import dev.junction.model.NodeTable;
import dev.junction.router.plan.KernelRoutePlan;
import dev.junction.router.plan.LearnedRoute;
import dev.junction.router.plan.NodeAnnotations;
import dev.junction.router.plan.PeeringPlan;
import dev.junction.router.plan.RouterFlags;
import dev.junction.router.plan.RouterNode;
import dev.junction.router.plan.ServiceVips;
import dev.junction.model.ClusterStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * kube-router's routing controller on Junction's speaker. Each {@link #sync} (on the runner's thread) re-plans the
 * peerings when the Node table changed (a node joined, left, or changed an annotation: unlike kube-router, node
 * updates are read at once) and applies the difference to the running speaker, then brings the kernel's pod
 * routes to the current best paths. Best-path changes wake the runner; its longest interval is the reconcile
 * that repairs routes someone deleted.
 *
 * <p>Restarts: routes of Junction's protocol already in the kernel mean the agent restarted. The speaker then
 * opens its sessions with the Restart State bit and defers selection until the peers' End-of-RIB, and nothing is
 * removed from the kernel until it has (RFC 4724 §4.1), so pod traffic keeps flowing over the old routes.
 */
public final class RoutingController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingController.class);

    private final String nodeName;
    private final RouterFlags flags;
    private final NodeTable nodes;
    private final KernelRouting kernel;
    private final Rejections rejections;
    private final InetSocketAddress admin;
    private final Runnable wake;
    private final ClusterStore services;
    private PodNetwork podNetwork;
    private RouterMetrics metrics;
    private long servicesSeen = -1;
    private Set<Prefix> vips = Set.of();
    private final Set<String> reported = new HashSet<>();
    private Speaker speaker;
    private BgpAdminServer adminServer;
    private SpeakerConfig running;
    private Map<String, PeerConfig> peers = new LinkedHashMap<>();
    private Map<Prefix, List<Long>> originated = new LinkedHashMap<>();
    private InetAddress selfAddress;
    private long planned = -1;

    /**
     * @param admin the speaker's admin endpoint (loopback), or null for none
     * @param wake  asks the runner for a sync soon (a best path changed)
     */
    public RoutingController(String nodeName, RouterFlags flags, NodeTable nodes, ClusterStore services, KernelRouting kernel,
                             Rejections rejections, InetSocketAddress admin, Runnable wake) {
        this.services = services;
        this.nodeName = Objects.requireNonNull(nodeName);
        this.flags = Objects.requireNonNull(flags);
        this.nodes = Objects.requireNonNull(nodes);
        this.kernel = Objects.requireNonNull(kernel);
        this.rejections = Objects.requireNonNull(rejections);
        this.admin = admin;
        this.wake = Objects.requireNonNull(wake);
    }

    /** One pass; a failure is counted and retried by the runner. */
    public boolean sync() throws Exception {
        try {
            return syncOnce();
        } catch (Exception e) {
            if (metrics != null) metrics.syncFailures.inc();
            throw e;
        }
    }

    private boolean syncOnce() throws Exception {
        if (!nodes.hasSynced()) return true;
        if (services != null && services.serviceGeneration() != servicesSeen) {
            servicesSeen = services.serviceGeneration();
            Set<Prefix> now = ServiceVips.compute(services.snapshot(), nodeName, flags);
            if (!now.equals(vips)) {
                LOG.info("service VIPs to announce: {}", now.size() <= 8 ? now : now.size() + " prefixes");
                vips = now;
                planned = -1; // the export policy and the originated prefixes change
            }
        }
        long generation = nodes.generation();
        if (generation != planned) {
            if (!replan()) return true;
            planned = generation;
        }
        if (speaker != null) programKernel();
        return true;
    }

    /** @return false while this node is not in the table (nothing to plan yet) */
    private boolean replan() throws Exception {
        List<RouterNode> all = new ArrayList<>();
        RouterNode self = null;
        for (Node n : nodes.snapshot()) {
            NodeAnnotations.Parsed p = NodeAnnotations.parse(n);
            for (String problem : p.problems()) report(n.name(), problem);
            all.add(p.node());
            if (n.name().equals(nodeName)) self = p.node();
        }
        if (self == null) {
            note(nodeName, "this node is not among the " + all.size() + " Nodes read; routing waits for it");
            return false;
        }
        RouterNode me = self;
        List<RouterNode> others = all.stream().filter(n -> !n.name().equals(me.name())).toList();
        PeeringPlan.Plan plan = PeeringPlan.compute(self, others, flags, vips);
        for (String problem : plan.problems()) report(nodeName, problem);
        if (!plan.hasRouterId()) return false;
        if (podNetwork != null) podNetwork.apply(self, all);
        selfAddress = self.ipv4().map(a -> (InetAddress) a).or(() -> me.ipv6().map(a -> (InetAddress) a)).orElse(null);
        Map<String, PeerConfig> wantedPeers = new LinkedHashMap<>();
        for (PeerConfig p : plan.peers()) wantedPeers.put(p.name(), p);
        Map<Prefix, List<Long>> wantedOrigin = new LinkedHashMap<>();
        for (SpeakerConfig.Originated o : plan.originated()) wantedOrigin.put(o.prefix(), o.communities());
        if (speaker != null && (!running.routerId().equals(plan.routerId()) || running.asn() != plan.localAsn()
                || !Objects.equals(running.clusterId(), plan.clusterId().orElse(null)))) {
            LOG.info("router id, AS or cluster id changed ({} AS{} -> {} AS{}): restarting the speaker",
                    running.routerId().getHostAddress(), running.asn(), plan.routerId().getHostAddress(), plan.localAsn());
            stopSpeaker(false);
        }
        if (speaker == null) {
            startSpeaker(plan, wantedPeers, wantedOrigin);
            return true;
        }
        applyPeers(wantedPeers);
        applyOriginated(wantedOrigin);
        return true;
    }

    private void startSpeaker(PeeringPlan.Plan plan, Map<String, PeerConfig> wantedPeers, Map<Prefix, List<Long>> wantedOrigin) throws Exception {
        GracefulRestartConfig gr = flags.gracefulRestartConfig();
        boolean restarting = gr.enabled() && kernel.hasOwnRoutes();
        if (restarting) gr = gr.asRestart();
        List<SpeakerConfig.Originated> origin = new ArrayList<>();
        wantedOrigin.forEach((p, c) -> origin.add(new SpeakerConfig.Originated(p, c)));
        running = new SpeakerConfig(plan.routerId(), plan.localAsn(), new InetSocketAddress(flags.bgpPort()), plan.clusterId().orElse(null),
                List.copyOf(wantedPeers.values()), origin, gr, false, 100);
        // Native sockets: a peer added later (a node annotation) may carry a TCP-MD5 password, whose key the listener needs.
        speaker = Speaker.start(running, NativeSocketFactory.available() ? NativeSocketFactory.INSTANCE : PlainSocketFactory.INSTANCE);
        speaker.subscribe((prefix, before, after) -> wake.run()).get(5, TimeUnit.SECONDS);
        peers = wantedPeers;
        originated = wantedOrigin;
        LOG.info("BGP speaker {} AS{} started{}: {} peer(s), originating {}", plan.routerId().getHostAddress(), plan.localAsn(),
                restarting ? " as a restarting speaker (routes from before are kept)" : "", peers.size(), originated.keySet());
        if (admin != null && adminServer == null) {
            adminServer = new BgpAdminServer(speaker, admin);
            adminServer.start();
        }
    }

    private void applyPeers(Map<String, PeerConfig> wanted) throws Exception {
        for (String name : List.copyOf(peers.keySet())) {
            if (!wanted.containsKey(name)) {
                speaker.removePeer(name).get(10, TimeUnit.SECONDS);
                peers.remove(name);
                LOG.info("peer {} removed", name);
            }
        }
        for (PeerConfig p : wanted.values()) {
            PeerConfig before = peers.get(p.name());
            if (p.equals(before)) continue;
            try {
                // A policy-only change (another node's pod CIDR in the export list) keeps the session up.
                speaker.updatePeer(p).get(10, TimeUnit.SECONDS);
                peers.put(p.name(), p);
                LOG.info("peer {} {} ({} AS{})", p.name(), before == null ? "added" : "updated", p.address().getHostAddress(), p.asn());
            } catch (java.util.concurrent.ExecutionException e) {
                // One bad peer (say, an address clash from an annotation) must not stop the others.
                report(nodeName, "peer " + p.name() + " not configured: " + e.getCause().getMessage());
            }
        }
    }

    private void applyOriginated(Map<Prefix, List<Long>> wanted) throws Exception {
        for (Prefix p : List.copyOf(originated.keySet())) {
            if (!wanted.containsKey(p)) {
                speaker.withdraw(p).get(5, TimeUnit.SECONDS);
                originated.remove(p);
            }
        }
        for (Map.Entry<Prefix, List<Long>> e : wanted.entrySet()) {
            if (!e.getValue().equals(originated.get(e.getKey()))) {
                speaker.announce(e.getKey(), e.getValue()).get(5, TimeUnit.SECONDS);
                originated.put(e.getKey(), e.getValue());
            }
        }
    }

    private void programKernel() throws Exception {
        List<LearnedRoute> learned = new ArrayList<>();
        for (Route r : speaker.routes().get(10, TimeUnit.SECONDS)) {
            if (r.source().kind() == Source.Kind.LOCAL || r.attributes().nextHop() == null) continue;
            learned.add(new LearnedRoute(r.prefix(), r.attributes().nextHop()));
        }
        KernelRoutePlan.Desired desired = KernelRoutePlan.compute(learned, kernel.localSubnets(), flags.overlay());
        if (metrics != null) {
            metrics.peers(speaker.peerStates());
            metrics.routes(desired.direct().size(), desired.tunnel().size(), learned.size());
        }
        for (String skipped : desired.skipped()) LOG.debug("route not installed: {}", skipped);
        boolean mayDelete = !speaker.deferring().get(5, TimeUnit.SECONDS);
        kernel.apply(desired, mayDelete, selfAddress);
    }

    /** Logs a problem once per agent run and counts it as an invalid object. */
    private void report(String node, String problem) {
        if (reported.add(node + ": " + problem)) {
            rejections.rejected(Rejections.NODE, "", node, problem);
        }
    }

    /** A state worth saying once that is no fault of an object (counted as a warning, not as an invalid object). */
    private void note(String node, String what) {
        if (reported.add(node + ": " + what)) {
            rejections.warned(Rejections.NODE, "", node, what);
        }
    }

    public void metrics(RouterMetrics m) {
        this.metrics = m;
    }

    /** The CNI file, bridge and egress masquerade that follow the Node table (null: none of them). */
    public void podNetwork(PodNetwork p) {
        this.podNetwork = p;
    }

    /** The running speaker, for the admin endpoint and tests; null before this node's Node was read. */
    public Speaker speaker() {
        return speaker;
    }

    private void stopSpeaker(boolean graceful) {
        if (speaker == null) return;
        speaker.close(graceful);
        speaker = null;
        peers = new LinkedHashMap<>();
        originated = new LinkedHashMap<>();
    }

    /**
     * Stops the speaker, without NOTIFICATION when graceful restart is on, so that peers keep this node's routes
     * while it restarts; the kernel's routes stay too.
     */
    @Override
    public void close() {
        if (adminServer != null) adminServer.close();
        stopSpeaker(flags.gracefulRestart());
        kernel.close();
    }
}
