// IP plan: node-a 192.168.1.1 / fd00:192:168:1::1, pod CIDRs 10.244.1.0/24 and fd00:10:244:1::/64 (node-a),
// 10.244.2.0/24 and fd00:10:244:2::/64 (node-b); external clients 203.0.113.0/24, 8.8.8.8, 2001:db8::/32.
package dev.junction.firewall;

import dev.junction.firewall.compile.FirewallCompiler;
import dev.junction.firewall.compile.FirewallContext;
import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.IpFamily;
import dev.junction.model.Protocol;
import dev.junction.model.policy.LabelSelector;
import dev.junction.model.policy.NamespaceInfo;
import dev.junction.model.policy.NetworkPolicy;
import dev.junction.model.policy.PodInfo;
import dev.junction.model.policy.PodInfo.NamedPort;
import dev.junction.model.policy.PolicyPeer;
import dev.junction.model.policy.PolicyPort;
import dev.junction.model.policy.PolicyRule;
import dev.junction.nft.desired.Fragment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A small fixed cluster seen from {@code node-a}, chosen so that its firewall has every rule shape the compiler
 * writes: default deny, an ipBlock with except (interval ranges), a namespaceSelector with a port range, named ports
 * in both directions (egress: a concatenated set), a port-less protocol, an empty peer list, dual-stack and
 * single-stack pods, a host-network pod with a named port (never a named-port destination), a pod on another
 * node, and logged drops.
 *
 * <p>The maps are mutable copies: a test changes them and compiles again.
 */
final class GoldenScenario {
    static final String NODE = "node-a";
    static final List<Cidr> POD_CIDRS = List.of(Cidr.of("10.244.1.0/24"), Cidr.of("fd00:10:244:1::/64"));

    final Map<String, PodInfo> pods = new TreeMap<>();
    final Map<String, NamespaceInfo> namespaces = new TreeMap<>();
    final Map<String, NetworkPolicy> policies = new TreeMap<>();

    GoldenScenario() {
        namespace("shop", Map.of("team", "shop", "env", "prod"));
        namespace("monitoring", Map.of("team", "obs"));
        pod("shop", "web-0", Map.of("app", "web"), NODE, List.of(new NamedPort("http", Protocol.TCP, 8080)),
                "10.244.1.10", "fd00:10:244:1::10");
        pod("shop", "db-0", Map.of("app", "db"), NODE, List.of(new NamedPort("pg", Protocol.TCP, 5432)), "10.244.1.11");
        pod("shop", "cache-0", Map.of("app", "cache"), NODE, List.of(), "10.244.1.12", "fd00:10:244:1::12");
        pod("shop", "web-1", Map.of("app", "web"), "node-b", List.of(new NamedPort("http", Protocol.TCP, 8080)),
                "10.244.2.10", "fd00:10:244:2::10");
        pod("monitoring", "prom-0", Map.of("app", "prometheus"), "node-b", List.of(), "10.244.2.20");
        pods.put("monitoring/node-exporter", new PodInfo("monitoring", "node-exporter",
                List.of(Ip.of("192.168.1.1"), Ip.of("fd00:192:168:1::1")), Map.of("app", "web"), NODE, true,
                List.of(new NamedPort("http", Protocol.TCP, 9100))));

        policy("shop", "default-deny", LabelSelector.EVERYTHING, true, false, List.of(), List.of());
        policy("shop", "web-ingress", labels("app", "web"), true, false, List.of(
                rule(List.of(new PolicyPeer.IpBlock(Cidr.of("0.0.0.0/0"), List.of(Cidr.of("10.0.0.0/8"), Cidr.of("192.168.0.0/16")))),
                        port(Protocol.TCP, 0, "http", 0)),
                rule(List.of(new PolicyPeer.Pods(labels("app", "prometheus"), labels("team", "obs"))),
                        port(Protocol.TCP, 9090, null, 9091))), List.of());
        policy("shop", "db-access", labels("app", "db"), true, true, List.of(
                rule(List.of(new PolicyPeer.Pods(labels("app", "web"), null)), port(Protocol.TCP, 0, "pg", 0))), List.of(
                rule(List.of(), port(Protocol.UDP, 53, null, 0)),
                rule(List.of(new PolicyPeer.Pods(labels("app", "web"), null)), port(Protocol.TCP, 0, "http", 0)),
                rule(List.of(new PolicyPeer.IpBlock(Cidr.of("203.0.113.0/24"), List.of())), port(Protocol.TCP, 0, null, 0))));
    }

    /**
     * Adds the longest names Kubernetes allows: a 63-character namespace, a 253-character pod and policy name (DNS
     * subdomains), which rule comments and log prefixes must still fit into (128 and 127 characters for nft).
     */
    GoldenScenario withLongestNames() {
        String ns = "n".repeat(63);
        String name = String.join(".", "p".repeat(63), "q".repeat(63), "r".repeat(63), "s".repeat(61));
        namespace(ns, Map.of("team", "long"));
        pod(ns, name, Map.of("app", "long"), NODE, List.of(new NamedPort("http", Protocol.TCP, 80)), "10.244.1.50");
        policy(ns, name, LabelSelector.EVERYTHING, true, true,
                List.of(rule(List.of(new PolicyPeer.Pods(null, labels("team", "shop"))), port(Protocol.TCP, 0, "http", 0))),
                List.of(rule(List.of(), port(Protocol.TCP, 0, "http", 0))));
        return this;
    }

    static FirewallContext context(IpFamily family) {
        return new FirewallContext(family, NODE, POD_CIDRS, true);
    }

    SortedMap<String, Fragment> compile(IpFamily family) {
        return FirewallCompiler.compile(pods, namespaces, policies, context(family));
    }

    static LabelSelector labels(String key, String value) {
        return new LabelSelector(Map.of(key, value), List.of());
    }

    static PolicyRule rule(List<PolicyPeer> peers, PolicyPort... ports) {
        return new PolicyRule(peers, Arrays.asList(ports));
    }

    static PolicyPort port(Protocol protocol, int port, String name, int endPort) {
        return new PolicyPort(protocol, port, name, endPort);
    }

    void namespace(String name, Map<String, String> labels) {
        namespaces.put(name, new NamespaceInfo(name, labels));
    }

    void pod(String ns, String name, Map<String, String> labels, String node, List<NamedPort> ports, String... ips) {
        pods.put(ns + "/" + name, new PodInfo(ns, name, Arrays.stream(ips).map(Ip::of).toList(), labels, node, false, ports));
    }

    void relabel(String key, Map<String, String> labels) {
        PodInfo p = pods.get(key);
        pods.put(key, new PodInfo(p.namespace(), p.name(), p.ips(), labels, p.nodeName(), p.hostNetwork(), p.ports()));
    }

    void policy(String ns, String name, LabelSelector selector, boolean ingress, boolean egress, List<PolicyRule> in,
            List<PolicyRule> out) {
        policies.put(ns + "/" + name, new NetworkPolicy(ns, name, selector, ingress, egress, in, out));
    }
}
