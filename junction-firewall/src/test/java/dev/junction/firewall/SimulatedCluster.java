// IP plan (RandomPolicies): node-1 192.168.0.1 / fd00:192::1, node-2 192.168.0.2 / fd00:192::2; pods of
// namespace i at 10.0.i.(10+j) and fd00:10::i:(10+j), on either node; other addresses from Scenario.peers().
package dev.junction.firewall;

import dev.junction.firewall.FirewallTracer.Hook;
import dev.junction.firewall.FirewallTracer.Packet;
import dev.junction.firewall.FirewallTracer.Result;
import dev.junction.firewall.FirewallTracer.Verdict;
import dev.junction.firewall.compile.FirewallCompiler;
import dev.junction.firewall.compile.FirewallContext;
import dev.junction.firewall.compile.FirewallNames;
import dev.junction.kube.Conversion;
import dev.junction.kube.NamespaceConverter;
import dev.junction.kube.NetworkPolicyConverter;
import dev.junction.kube.PodConverter;
import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.IpFamily;
import dev.junction.model.policy.NamespaceInfo;
import dev.junction.model.policy.NetworkPolicy;
import dev.junction.model.policy.PodInfo;
import dev.junction.netpol.oracle.Peer;
import dev.junction.netpol.oracle.Scenario;
import dev.junction.nft.Family;
import dev.junction.nft.FakeNft;
import dev.junction.nft.NftException;
import dev.junction.nft.TableRef;
import dev.junction.nft.desired.TableSync;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A {@link Scenario} as Junction would run it: its objects converted by the kube converters, one firewall per node
 * and family compiled by {@link FirewallCompiler} and applied to that node's {@link FakeNft} through
 * {@link TableSync#replaceAll}, and the data path of a flow as the hooks it crosses on each node.
 *
 * <p>Data path (first packet, ct state new): a pod-network pod sends from its node's pod interface; a host-network
 * pod and the node itself send from the node (output hook: never policed); an {@link Peer.IpPeer} is a host off the
 * cluster that reaches a node over the wire. A destination address that is a node's own address is delivered to
 * that node (input hook); a pod-network pod is reached through its node's forward hook. So pod to pod on one node is
 * that node's forward hook once; across nodes, the source node's forward (egress) then the destination node's
 * forward (ingress); pod to node is the input hook of the destination node (after the source node's forward if
 * that is another node). The flow is accepted if every hook it crosses accepts it.
 */
final class SimulatedCluster {
    static final Map<String, List<Ip>> NODE_ADDRESSES = Map.of(
            "node-1", List.of(Ip.of("192.168.0.1"), Ip.of("fd00:192::1")),
            "node-2", List.of(Ip.of("192.168.0.2"), Ip.of("fd00:192::2")));

    /** A flow's outcome, with every hook it crossed and each hook's trace. */
    record Outcome(boolean allowed, List<String> trace) {}

    private final Scenario scenario;
    private final Map<String, PodInfo> pods = new TreeMap<>();
    private final Map<String, NamespaceInfo> namespaces = new TreeMap<>();
    private final Map<String, NetworkPolicy> policies = new TreeMap<>();
    private final Set<String> rejectedPolicies = new TreeSet<>();
    private final Map<String, FakeNft> nfts = new TreeMap<>();
    private final Map<String, FirewallTracer> tracers = new TreeMap<>();
    private final Map<String, List<Cidr>> podCidrs = new TreeMap<>();

    SimulatedCluster(Scenario scenario) throws NftException {
        this(scenario, UnaryOperator.identity());
    }

    /** @param tamper changes the converted policies before they are compiled (to check that tests notice) */
    SimulatedCluster(Scenario scenario, UnaryOperator<Map<String, NetworkPolicy>> tamper) throws NftException {
        this.scenario = scenario;
        PodConverter pc = new PodConverter();
        scenario.pods().forEach(p -> {
            if (pc.convert(p) instanceof Conversion.Accepted<PodInfo> a) {
                pods.put(a.value().key(), a.value());
            }
        });
        NamespaceConverter nc = new NamespaceConverter();
        scenario.namespaces().forEach(n -> {
            if (nc.convert(n) instanceof Conversion.Accepted<NamespaceInfo> a) {
                namespaces.put(a.value().name(), a.value());
            }
        });
        NetworkPolicyConverter npc = new NetworkPolicyConverter();
        scenario.policies().forEach(p -> {
            switch (npc.convert(p)) {
                case Conversion.Accepted<NetworkPolicy> a -> policies.put(a.value().key(), a.value());
                case Conversion.Rejected<NetworkPolicy> r ->
                        rejectedPolicies.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName());
                case Conversion.Ignored<NetworkPolicy> i -> throw new IllegalStateException("ignored policy: " + i);
            }
        });
        Set<String> nodes = new TreeSet<>(NODE_ADDRESSES.keySet());
        if (!nodes.contains(scenario.node().name())) {
            throw new IllegalStateException("unknown node " + scenario.node().name());
        }
        for (String node : nodes) {
            FakeNft nft = new FakeNft();
            nfts.put(node, nft);
            for (IpFamily f : IpFamily.values()) {
                List<Cidr> cidrs = podCidrs(node, f);
                podCidrs.computeIfAbsent(node, n -> new ArrayList<>()).addAll(cidrs);
                FirewallContext ctx = new FirewallContext(f, node, cidrs, true);
                TableRef table = table(f);
                new TableSync(nft, table).replaceAll(FirewallCompiler.compile(pods, namespaces,
                        tamper.apply(new TreeMap<>(policies)), ctx));
                tracers.put(node + " " + f, new FirewallTracer(nft, table));
            }
        }
    }

    static TableRef table(IpFamily f) {
        return new TableRef(f == IpFamily.V4 ? Family.IP : Family.IP6, FirewallNames.TABLE);
    }

    /** Policies NetworkPolicyConverter rejected, as namespace/name. */
    Set<String> rejectedPolicies() {
        return rejectedPolicies;
    }

    FakeNft nft(String node) {
        return nfts.get(node);
    }

    /** Sets and maps of any node's tables that no rule refers to (the compiler should declare none). */
    List<String> unusedSets() {
        List<String> out = new ArrayList<>();
        nfts.forEach((node, nft) -> {
            for (IpFamily f : IpFamily.values()) {
                TableRef t = table(f);
                String rules = String.join("\n", nft.chains(t).stream().flatMap(c -> nft.rules(t, c).stream()).toList());
                nft.list(t).orElseThrow().sets().keySet().stream()
                        .filter(set -> !java.util.regex.Pattern.compile("@" + java.util.regex.Pattern.quote(set) + "(\\s|$)")
                                .matcher(rules).find())
                        .forEach(set -> out.add(node + " " + t.spec() + " " + set));
            }
        });
        return out;
    }

    /**
     * The scenario gives no pod CIDR (RandomPolicies puts both nodes' pods in the same /24s), so each node's is
     * derived: for each of its pod-network pods the widest prefix (at most /16, /64) that holds no other address of
     * the scenario (the other node's pods, host-network pods, nodes, the scenario's external peers). It holds no
     * address a flow of the matrix uses except this node's pods, as a real node's pod CIDR would.
     */
    private List<Cidr> podCidrs(String node, IpFamily f) {
        Set<Ip> local = new LinkedHashSet<>();
        Set<Ip> foreign = new LinkedHashSet<>();
        for (PodInfo p : pods.values()) {
            boolean mine = !p.hostNetwork() && p.nodeName().equals(node);
            p.ips().stream().filter(ip -> ip.family() == f).forEach(ip -> (mine ? local : foreign).add(ip));
        }
        NODE_ADDRESSES.values().forEach(foreign::addAll);
        scenario.peers().stream().filter(p -> p instanceof Peer.IpPeer).forEach(p -> foreign.add(Ip.of(p.toString())));
        int max = f == IpFamily.V4 ? 32 : 128;
        int widest = f == IpFamily.V4 ? 16 : 64;
        List<Cidr> out = new ArrayList<>();
        for (Ip ip : local) {
            Cidr best = new Cidr(ip, max);
            for (int len = max - 1; len >= widest; len--) {
                Cidr c = new Cidr(ip, len);
                if (foreign.stream().anyMatch(c::contains)) {
                    break;
                }
                best = c;
            }
            out.add(best);
        }
        List<Cidr> distinct = out.stream().distinct().toList();
        return distinct.stream().filter(c -> distinct.stream().noneMatch(o -> !o.equals(c)
                && o.prefix() < c.prefix() && o.contains(c.network()))).sorted(java.util.Comparator.comparing(Cidr::toString)).toList();
    }

    /** Where an end of a flow sits: a pod-network pod on a node, a node itself, or a host off the cluster. */
    private record Place(boolean pod, String node) {
        static final Place OFF_CLUSTER = new Place(false, null);
    }

    private Place source(Peer p) {
        return switch (p) {
            case Peer.PodPeer pp -> new Place(!pod(pp).hostNetwork(), pod(pp).nodeName());
            case Peer.NodePeer n -> new Place(false, scenario.node().name());
            case Peer.IpPeer ip -> Place.OFF_CLUSTER;
        };
    }

    private Place destination(Peer p, Ip address) {
        if (p instanceof Peer.PodPeer pp && !pod(pp).hostNetwork()) {
            return new Place(true, pod(pp).nodeName());
        }
        return NODE_ADDRESSES.entrySet().stream().filter(e -> e.getValue().contains(address))
                .map(e -> new Place(false, e.getKey())).findFirst().orElse(Place.OFF_CLUSTER);
    }

    /** The addresses of an end (a pod's podIPs, the node's, the peer's own). */
    List<Ip> addresses(Peer p) {
        return switch (p) {
            case Peer.PodPeer pp -> pod(pp).ips();
            case Peer.NodePeer n -> NODE_ADDRESSES.get(scenario.node().name());
            case Peer.IpPeer ip -> List.of(Ip.of(ip.toString()));
        };
    }

    private PodInfo pod(Peer.PodPeer p) {
        PodInfo pod = pods.get(p.toString());
        if (pod == null) {
            throw new IllegalStateException("no converted pod " + p);
        }
        return pod;
    }

    /** The fate of the first packet of a connection from {@code from} to {@code to} on {@code port}/{@code proto}. */
    Outcome decide(Peer from, Peer to, int port, String proto) {
        List<String> trace = new ArrayList<>();
        Ip src = null;
        Ip dst = null;
        for (IpFamily f : IpFamily.values()) { // IPv4 when both ends have it, else IPv6
            Ip s = addresses(from).stream().filter(i -> i.family() == f).findFirst().orElse(null);
            Ip d = addresses(to).stream().filter(i -> i.family() == f).findFirst().orElse(null);
            if (s != null && d != null) {
                src = s;
                dst = d;
                break;
            }
        }
        if (src == null) {
            trace.add("no address family both ends have: no packet");
            return new Outcome(false, trace);
        }
        Place a = source(from);
        Place b = destination(to, dst);
        List<String[]> hops = new ArrayList<>(); // node, hook
        if (a.pod()) {
            if (!a.node().equals(b.node())) {
                hops.add(new String[] {a.node(), "FORWARD"});
            }
            if (b.node() != null) {
                hops.add(new String[] {b.node(), b.pod() ? "FORWARD" : "INPUT"});
            }
        } else if (b.node() != null && !b.node().equals(a.node())) {
            hops.add(new String[] {b.node(), b.pod() ? "FORWARD" : "INPUT"});
        }
        if (hops.isEmpty()) {
            trace.add(src + " -> " + dst + ": crosses no policed hook (output of " + (a.node() == null ? "an off-cluster host"
                    : a.node()) + ")");
            return new Outcome(true, trace);
        }
        for (String[] hop : hops) {
            String iif = a.pod() && hop[0].equals(a.node()) ? "veth-pod" : "eth0";
            Packet p = Packet.of(src.toString(), dst.toString(), proto.toLowerCase(), port, Hook.valueOf(hop[1])).via(iif);
            Result r = tracers.get(hop[0] + " " + src.family()).trace(p);
            trace.add("on " + hop[0] + " (pod CIDRs " + podCidrs.get(hop[0]) + "): " + r.text());
            if (r.verdict() == Verdict.DROP) {
                return new Outcome(false, trace);
            }
        }
        return new Outcome(true, trace);
    }
}
