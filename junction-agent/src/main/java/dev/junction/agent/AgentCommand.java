package dev.junction.agent;

import ch.qos.logback.classic.Level;
import dev.junction.agent.runner.BoundedFrequencyRunner;
import dev.junction.kube.ClusterAccess;
import dev.junction.kube.InformerSource;
import dev.junction.kube.ManifestSource;
import dev.junction.kube.NodeNames;
import dev.junction.kube.PolicyFeeder;
import dev.junction.agent.firewall.FirewallController;
import dev.junction.firewall.compile.FirewallNames;
import dev.junction.model.policy.PolicyStore;
import dev.junction.nft.desired.TableSync;
import dev.junction.kube.ServiceConverter;
import dev.junction.kube.StoreFeeder;
import dev.junction.model.Cidr;
import dev.junction.model.ClusterStore;
import dev.junction.model.IpFamily;
import dev.junction.nft.ExecNft;
import dev.junction.nft.Family;
import dev.junction.nft.LibNft;
import dev.junction.nft.Nft;
import dev.junction.nft.TableRef;
import dev.junction.proxy.NftProxier;
import dev.junction.proxy.compile.Names;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code junction agent}: the node agent. Flags are named as kube-router (and, where it has none, kube-proxy) names them. */
@Command(name = "agent", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the node agent: watch the cluster (or a manifest folder) and program the kernel.")
public final class AgentCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);

    @Option(names = "--run-service-proxy", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the service proxy (ClusterIP, NodePort, external and load-balancer IPs). Default: ${DEFAULT-VALUE}.")
    boolean runServiceProxy;

    @Option(names = "--run-firewall", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Enforce NetworkPolicy for this node's pods (table junction-firewall). Default: ${DEFAULT-VALUE}.")
    boolean runFirewall;

    @Option(names = "--netpol-log-drops", description = "Log packets the firewall drops to NFLOG group 100, at most 10/s.")
    boolean netpolLogDrops;

    @Option(names = "--run-router", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Route pod CIDRs over BGP: the nodes' iBGP mesh, external peers, kernel routes and the VXLAN overlay. Default: ${DEFAULT-VALUE}.")
    boolean runRouter;

    @picocli.CommandLine.Mixin
    dev.junction.agent.router.RouterOptions router = new dev.junction.agent.router.RouterOptions();

    @Option(names = "--kubeconfig", description = "kubeconfig file; in-cluster config when neither this nor --master nor --manifests is given.")
    Path kubeconfig;

    @Option(names = "--master", description = "API server address; overrides the kubeconfig's.")
    String master;

    @Option(names = "--manifests", paramLabel = "DIR",
            description = "Read Services, EndpointSlices and Nodes from Kubernetes YAML files in DIR (and follow changes) instead of an API server.")
    Path manifests;

    @Option(names = "--hostname-override", description = "This node's name; otherwise $NODE_NAME, then the host name.")
    String hostnameOverride;

    @Option(names = "--service-cluster-ip-range", split = ",", defaultValue = "10.96.0.0/12",
            description = "Service CIDRs (one per family). Traffic to unallocated addresses in them is dropped; externalIPs in them are refused. Default: ${DEFAULT-VALUE}.")
    List<String> serviceClusterIpRange;

    @Option(names = "--service-external-ip-range", split = ",",
            description = "CIDRs externalIPs must lie in. With none, every externalIP is refused (strict validation).")
    List<String> serviceExternalIpRange = new ArrayList<>();

    @Option(names = "--cluster-cidr", split = ",",
            description = "Pod CIDRs of the cluster: ClusterIP traffic from other sources is masqueraded.")
    List<String> clusterCidr = new ArrayList<>();

    @Option(names = "--masquerade-all", description = "Masquerade all traffic sent to ClusterIPs.")
    boolean masqueradeAll;

    @Option(names = "--nodeport-addresses", split = ",", defaultValue = "primary",
            description = "Addresses NodePorts answer on: 'primary' (the node's InternalIP per family) and/or CIDRs of local addresses. Default: ${DEFAULT-VALUE}.")
    List<String> nodeportAddresses;

    @Option(names = "--enable-ipv4", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Program IPv4 (table ip junction). Default: ${DEFAULT-VALUE}.")
    boolean enableIpv4;

    @Option(names = "--enable-ipv6", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Program IPv6 (table ip6 junction); both families: dual stack. Default: ${DEFAULT-VALUE}.")
    boolean enableIpv6;

    @Option(names = "--healthz-bind-address", defaultValue = "0.0.0.0:10256",
            description = "Where /healthz, /livez (and /metrics) are served; empty disables. Default: ${DEFAULT-VALUE}.")
    String healthzBindAddress;

    @Option(names = "--metrics-bind-address", defaultValue = "127.0.0.1:10249",
            description = "Where /metrics is served; empty disables. Default: ${DEFAULT-VALUE}.")
    String metricsBindAddress;

    @Option(names = "--sync-period", defaultValue = "30s",
            description = "Longest time between syncs; /healthz fails when an update waits 2x this long. Default: ${DEFAULT-VALUE}.")
    String syncPeriod;

    @Option(names = "--min-sync-period", defaultValue = "100ms",
            description = "Shortest time between syncs: changes in between are coalesced. Default: ${DEFAULT-VALUE}.")
    String minSyncPeriod;

    @Option(names = "--full-sync-period", defaultValue = "1h",
            description = "How often the whole table is compared with the kernel and repaired. Default: ${DEFAULT-VALUE}.")
    String fullSyncPeriod;

    @Option(names = "--cache-sync-timeout", defaultValue = "60s",
            description = "Warn when the informers have not synced within this time (nothing is programmed before). Default: ${DEFAULT-VALUE}.")
    String cacheSyncTimeout;

    @Option(names = "--nft-backend", defaultValue = "auto",
            description = "How to reach nftables: lib (libnftables in process), exec (the nft binary), auto (lib if it loads). Default: ${DEFAULT-VALUE}.")
    String nftBackend;

    @Option(names = "--cleanup-config", description = "Delete Junction's nftables tables and exit.")
    boolean cleanupConfig;

    @Option(names = {"-v", "--v"}, defaultValue = "0", description = "Log verbosity: 0 info, 1 debug, 2 trace. Default: ${DEFAULT-VALUE}.")
    int verbosity;

    @Override
    public Integer call() throws Exception {
        setVerbosity(verbosity);
        Nft nft = openNft(nftBackend);
        Map<IpFamily, NftProxier> proxiers = new EnumMap<>(IpFamily.class);
        if (enableIpv4) {
            proxiers.put(IpFamily.V4, new NftProxier(nft, new TableRef(Family.IP, Names.TABLE)));
        }
        if (enableIpv6) {
            proxiers.put(IpFamily.V6, new NftProxier(nft, new TableRef(Family.IP6, Names.TABLE)));
        }
        // An nft context is not thread-safe and each engine has its own sync thread: the firewall gets its own.
        Nft firewallNft = runFirewall || cleanupConfig ? openNft(nftBackend) : nft;
        Map<IpFamily, TableSync> firewallTables = new EnumMap<>(IpFamily.class);
        if (enableIpv4) {
            firewallTables.put(IpFamily.V4, new TableSync(firewallNft, new TableRef(Family.IP, FirewallNames.TABLE)));
        }
        if (enableIpv6) {
            firewallTables.put(IpFamily.V6, new TableSync(firewallNft, new TableRef(Family.IP6, FirewallNames.TABLE)));
        }
        if (cleanupConfig) {
            for (NftProxier p : proxiers.values()) {
                CleanupConfig.deleteTable(nft, p.table());
            }
            for (TableSync t : firewallTables.values()) {
                CleanupConfig.deleteTable(nft, t.table());
            }
            return 0;
        }
        if (!runServiceProxy && !runFirewall && !runRouter) {
            LOG.info("nothing to run: --run-service-proxy=false, --run-firewall=false and --run-router=false");
            return 0;
        }
        Duration sync = Durations.parse("--sync-period", syncPeriod);
        Duration minSync = Durations.parse("--min-sync-period", minSyncPeriod);
        Duration fullSync = Durations.parse("--full-sync-period", fullSyncPeriod);
        String nodeName = NodeNames.resolve(hostnameOverride);
        ClusterStore store = new ClusterStore(nodeName);
        ProxyMetrics metrics = new ProxyMetrics();
        ProxyHealth health = new ProxyHealth(Clock.systemUTC(), sync.multipliedBy(2));
        ServiceHealthServers serviceHealth = new ServiceHealthServers(health, "0.0.0.0");
        List<Cidr> serviceCidrs = cidrs("--service-cluster-ip-range", serviceClusterIpRange);
        ProxyController controller = new ProxyController(store, proxiers, new ProxyController.Settings(
                serviceCidrs, cidrs("--cluster-cidr", clusterCidr), masqueradeAll, new NodeAddresses(nodeportAddresses)),
                metrics, health, serviceHealth, new UdpConntrackCleaner(metrics));

        AtomicLong lastFull = new AtomicLong(System.nanoTime());
        BoundedFrequencyRunner runner = new BoundedFrequencyRunner("proxy-sync", () -> {
            if (System.nanoTime() - lastFull.get() > fullSync.toNanos()) {
                proxiers.values().forEach(NftProxier::requestFullSync);
                lastFull.set(System.nanoTime());
            }
            return controller.sync();
        }, minSync, Duration.ofSeconds(1), sync);

        ServiceConverter.Options options = new ServiceConverter.Options(cidrs("--service-external-ip-range", serviceExternalIpRange),
                serviceCidrs, enableIpv4, enableIpv6);
        // Node changes (pod CIDRs) matter to the firewall too: the feeder wakes whichever runners there are.
        java.util.concurrent.atomic.AtomicReference<BoundedFrequencyRunner> firewallWake = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<dev.junction.agent.router.RouterSetup> routerWake = new java.util.concurrent.atomic.AtomicReference<>();
        StoreFeeder feeder = new StoreFeeder(store, options, new MetricsRejections(metrics), () -> {
            if (runServiceProxy) {
                controller.queued();
                runner.request();
            }
            BoundedFrequencyRunner fw = firewallWake.get();
            if (fw != null) {
                fw.request();
            }
            dev.junction.agent.router.RouterSetup rs = routerWake.get();
            if (rs != null) {
                rs.servicesChanged();
            }
        });
        PolicyFeeder policyFeeder = null;
        BoundedFrequencyRunner firewallRunner = null;
        if (runFirewall) {
            PolicyStore policyStore = new PolicyStore();
            FirewallController firewall = new FirewallController(policyStore, store, firewallTables, netpolLogDrops);
            BoundedFrequencyRunner fr = new BoundedFrequencyRunner("firewall-sync", firewall::sync, minSync,
                    Duration.ofSeconds(1), sync);
            firewallRunner = fr;
            firewallWake.set(fr);
            policyFeeder = new PolicyFeeder(policyStore, new MetricsRejections(metrics), fr::request);
        }
        List<AutoCloseable> closeables = new ArrayList<>();
        closeables.add(serviceHealth);
        if (!healthzBindAddress.isBlank()) {
            closeables.add(new HealthServer(HostPort.parse(healthzBindAddress), health, metrics, true));
        }
        if (!metricsBindAddress.isBlank()) {
            closeables.add(new HealthServer(HostPort.parse(metricsBindAddress), health, metrics, false));
        }
        if (runServiceProxy) {
            runner.start();
        }
        if (runRouter) {
            // Before the source starts: the feeder must know to pass every Node, not only this one.
            dev.junction.agent.router.RouterSetup routing = new dev.junction.agent.router.RouterSetup(nodeName, router, feeder, store,
                    new MetricsRejections(metrics), openNft(nftBackend), new dev.junction.agent.router.RouterMetrics(metrics.registry),
                    // Without the proxy, /healthz and /livez follow the router's syncs.
                    runServiceProxy ? () -> { } : health::updated);
            routerWake.set(routing);
            routing.start();
            closeables.add(routing);
        }
        if (firewallRunner != null) {
            firewallRunner.start();
            closeables.add(firewallRunner::stop);
        }
        if (manifests != null) {
            ManifestSource source = new ManifestSource(manifests, feeder, policyFeeder, new MetricsRejections(metrics),
                    ManifestSource.DEFAULT_POLL_INTERVAL);
            source.start();
            closeables.add(source);
            LOG.info("node {}: reading manifests from {}", nodeName, manifests);
        } else {
            KubernetesClient client = ClusterAccess.connect(kubeconfig == null ? null : kubeconfig.toString(), master);
            InformerSource source = new InformerSource(client, feeder, policyFeeder,
                    Durations.parse("--cache-sync-timeout", cacheSyncTimeout));
            source.start();
            closeables.add(source);
            closeables.add(client);
            LOG.info("node {}: watching {}", nodeName, client.getMasterUrl());
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Leave the table in place: a restarted agent adopts it, so traffic never stops.
            stop.countDown();
            runner.stop();
            for (AutoCloseable c : closeables.reversed()) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("close: {}", e.toString());
                }
            }
        }, "shutdown"));
        stop.await();
        return 0;
    }

    private static Nft openNft(String backend) {
        return switch (backend) {
            case "lib" -> new LibNft();
            case "exec" -> new ExecNft();
            case "auto" -> LibNft.available() ? new LibNft() : new ExecNft();
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new AgentCommand()),
                    "--nft-backend: expected lib, exec or auto, got " + backend);
        };
    }

    private static List<Cidr> cidrs(String flag, List<String> values) {
        List<Cidr> out = new ArrayList<>();
        for (String v : values) {
            if (v.isBlank()) {
                continue;
            }
            out.add(Cidr.parse(v.trim()).orElseThrow(() -> new IllegalArgumentException(flag + ": not a CIDR: " + v)));
        }
        return out;
    }

    static void setVerbosity(int v) {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Logger junction = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.junction");
        junction.setLevel(v >= 2 ? Level.TRACE : v == 1 ? Level.DEBUG : Level.INFO);
        root.setLevel(v >= 2 ? Level.DEBUG : Level.INFO);
    }
}
