package dev.junction.agent.router;

import dev.junction.agent.runner.BoundedFrequencyRunner;
import dev.junction.kube.Rejections;
import dev.junction.kube.StoreFeeder;
import dev.junction.model.ClusterStore;
import dev.junction.model.NodeTable;
import dev.junction.netlink.RtNetlink;
import dev.junction.router.plan.RouterFlags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wires {@code --run-router}: a cluster-wide {@link NodeTable} fed by the agent's source, the
 * {@link RoutingController} on its own runner, and the netlink kernel side. Built before the source starts so
 * that the source knows to deliver every Node.
 */
public final class RouterSetup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RouterSetup.class);

    private final RoutingController controller;
    private final BoundedFrequencyRunner runner;

    private final AtomicReference<BoundedFrequencyRunner> wake = new AtomicReference<>();

    /**
     * @param nft       an nftables context of the router's own (contexts are not thread-safe; the router has its thread)
     * @param afterSync run after each successful sync (the agent's health, when the router is its only job)
     */
    public RouterSetup(String nodeName, RouterOptions options, StoreFeeder feeder, ClusterStore services, Rejections rejections,
                       dev.junction.nft.Nft nft, RouterMetrics metrics, Runnable afterSync) throws Exception {
        java.util.List<String> problems = new java.util.ArrayList<>();
        RouterFlags flags = options.flags(problems);
        for (String p : problems) rejections.rejected("Flag", "", "router", p);
        NodeTable nodes = new NodeTable(() -> {
            BoundedFrequencyRunner r = wake.get();
            if (r != null) r.request();
        });
        feeder.feedAllNodesTo(nodes);
        KernelRouting kernel = new NetlinkRouting(RtNetlink.open(), options.overlayVni, options.overlayPort);
        CniSetup cni = options.enableCni ? new CniSetup(RtNetlink.open(), options.cniConfFile, dev.junction.router.plan.CniConfig.DEFAULT_BRIDGE) : null;
        PodEgress egress = options.enablePodEgress ? new PodEgress(new dev.junction.nft.desired.TableSync(nft,
                new dev.junction.nft.TableRef(dev.junction.nft.Family.IP, PodEgress.TABLE))) : null;
        InetSocketAddress admin = options.bgpAdminAddress.isBlank() ? null : admin(options.bgpAdminAddress);
        this.controller = new RoutingController(nodeName, flags, nodes, services, kernel, rejections, admin, () -> {
            BoundedFrequencyRunner r = wake.get();
            if (r != null) r.request();
        });
        controller.podNetwork(new PodNetwork(cni, egress, flags.overlay()));
        controller.metrics(metrics);
        // Best-path changes come in bursts (a peer's whole table): coalesce them over 200 ms.
        this.runner = new BoundedFrequencyRunner("router-sync", () -> {
            boolean ok = controller.sync();
            if (ok) afterSync.run();
            return ok;
        }, Duration.ofMillis(200), Duration.ofSeconds(1),
                options.reconcilePeriod());
        wake.set(runner);
        LOG.info("router: AS{} {}, overlay {}, reconcile every {}", flags.clusterAsn(), flags.nodesFullMesh() ? "full mesh" : "ASN/route reflectors",
                flags.overlay(), options.reconcilePeriod());
    }

    private static InetSocketAddress admin(String hostPort) {
        InetSocketAddress a = dev.junction.agent.HostPort.parse(hostPort);
        // Refused here, at start, rather than by the admin server when the speaker starts (and then at every retry).
        if (!a.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("--bgp-admin-address: loopback only, not " + a.getAddress().getHostAddress());
        }
        return a;
    }

    /** A service or slice changed: the VIPs to announce may have. */
    public void servicesChanged() {
        BoundedFrequencyRunner r = wake.get();
        if (r != null) r.request();
    }

    public void start() {
        runner.start();
    }

    @Override
    public void close() {
        runner.stop();
        controller.close();
    }
}
