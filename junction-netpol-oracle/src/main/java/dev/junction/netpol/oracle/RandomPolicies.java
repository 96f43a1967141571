package dev.junction.netpol.oracle;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Random scenarios, deterministic from a seed (a {@link SplittableRandom}, whose sequence for a seed is fixed by
 * its specification), for comparing the compiler with the oracle.
 *
 * <p>IP plan: local node {@code node-1} 192.168.0.1 / fd00:192::1, other node {@code node-2} 192.168.0.2 /
 * fd00:192::2; namespace i (ns-a, ns-b, ns-c; {@code team=a/b/c}, sometimes {@code env=prod/dev}) has pods
 * {@code pod-j} at 10.0.i.(10+j) and, for about half, fd00:10::i:(10+j). Pods carry {@code app} (web, db, api) and
 * often {@code role} (frontend, backend) and declare 80/TCP (usually named {@code http}), 81/TCP (sometimes named
 * {@code http} instead), 80/UDP and 53/UDP (usually named {@code dns}). Sometimes there is a host-network pod
 * {@code ns-c/host-agent} and a pod without an IP ({@code pending}).
 *
 * <p>Policies (1 to 6) mix pod and namespace selectors (matchLabels and matchExpressions with In, NotIn, Exists,
 * DoesNotExist), ipBlocks with except (IPv4 and IPv6), numeric, named and ranged ports over TCP, UDP and SCTP,
 * explicit and implied policyTypes, empty rules, empty peer and port lists; about one in twenty has a defect that
 * makes it invalid (bad CIDR, except outside its cidr, unknown protocol, endPort below port, endPort with a named
 * port), which the oracle and the compiler must both ignore.
 */
public final class RandomPolicies {
    private static final List<String> LOCAL = List.of("192.168.0.1", "fd00:192::1");
    private static final List<String> REMOTE = List.of("192.168.0.2", "fd00:192::2");
    private static final List<IPBlock> BLOCKS = List.of(
            block("10.0.0.0/16", "10.0.1.0/24"), block("10.0.2.0/24", "10.0.2.10/32"), block("192.168.0.0/24"),
            block("0.0.0.0/0", "10.0.0.0/8"), block("203.0.113.0/24"), block("fd00:10::/32", "fd00:10::1:0/112"),
            block("::/0"), block("10.0.0.10/32"));

    private final RandomGenerator random;
    private final RandomSelectors selectors;

    private RandomPolicies(long seed) {
        this.random = new SplittableRandom(seed);
        this.selectors = new RandomSelectors(random);
    }

    /** The scenario of {@code seed}: the same seed always gives the same scenario. */
    public static Scenario generate(long seed) {
        RandomPolicies g = new RandomPolicies(seed);
        List<Namespace> namespaces = g.namespaces();
        List<Pod> pods = g.pods();
        List<NetworkPolicy> policies = new ArrayList<>();
        int n = 1 + g.random.nextInt(6);
        for (int i = 0; i < n; i++) {
            policies.add(g.policy("policy-" + i));
        }
        return new Scenario(seed, LocalNode.of("node-1", LOCAL.toArray(String[]::new)), namespaces, pods, policies);
    }

    private List<Namespace> namespaces() {
        List<Namespace> result = new ArrayList<>();
        for (String team : List.of("a", "b", "c")) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("team", team);
            if (random.nextInt(3) > 0) {
                labels.put("env", random.nextBoolean() ? "prod" : "dev");
            }
            result.add(new NamespaceBuilder().withNewMetadata().withName("ns-" + team).withLabels(labels).endMetadata()
                    .build());
        }
        return result;
    }

    private List<Pod> pods() {
        List<Pod> result = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int count = 2 + random.nextInt(3);
            for (int j = 0; j < count; j++) {
                Map<String, String> labels = new LinkedHashMap<>();
                if (random.nextInt(10) > 0) {
                    labels.put("app", List.of("web", "db", "api").get(random.nextInt(3)));
                }
                if (random.nextInt(5) < 3) {
                    labels.put("role", random.nextBoolean() ? "frontend" : "backend");
                }
                List<String> ips = new ArrayList<>(List.of("10.0." + i + "." + (10 + j)));
                if (random.nextBoolean()) {
                    ips.add("fd00:10::" + i + ":" + (10 + j));
                }
                String node = random.nextInt(5) < 3 ? "node-1" : "node-2";
                result.add(pod("ns-" + "abc".charAt(i), "pod-" + j, labels, node, false, ips));
            }
        }
        if (random.nextInt(10) < 3) {
            boolean local = random.nextBoolean();
            result.add(pod("ns-c", "host-agent", Map.of("app", "web"), local ? "node-1" : "node-2", true,
                    local ? LOCAL : REMOTE));
        }
        if (random.nextInt(4) == 0) {
            result.add(pod("ns-" + "abc".charAt(random.nextInt(3)), "pending", Map.of("app", "web"), "node-1", false,
                    List.of()));
        }
        return result;
    }

    private Pod pod(String namespace, String name, Map<String, String> labels, String node, boolean hostNetwork,
                    List<String> ips) {
        boolean httpOn80 = random.nextInt(5) > 0;
        boolean dnsNamed = random.nextInt(10) < 7;
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName(node).withHostNetwork(hostNetwork ? true : null)
                .addNewContainer().withName("main").withImage("registry.k8s.io/e2e-test-images/agnhost:2.53")
                .withPorts(port(httpOn80 ? "http" : null, 80, "TCP"), port(httpOn80 ? null : "http", 81, "TCP"),
                        port(null, 80, "UDP"), port(dnsNamed ? "dns" : null, 53, "UDP"))
                .endContainer().endSpec()
                .withNewStatus().withPodIP(ips.isEmpty() ? null : ips.getFirst())
                .withPodIPs(ips.stream().map(PodIP::new).toList()).endStatus()
                .build();
    }

    private static ContainerPort port(String name, int number, String protocol) {
        ContainerPort p = new ContainerPort();
        p.setName(name);
        p.setContainerPort(number);
        p.setProtocol(protocol);
        return p;
    }

    private NetworkPolicy policy(String name) {
        NetworkPolicySpec spec = new NetworkPolicySpec();
        spec.setPodSelector(selectors.pods());
        switch (random.nextInt(20)) {
            case 0, 1, 2, 3, 4, 5 -> { } // implied
            case 6, 7, 8, 9, 10 -> spec.setPolicyTypes(List.of("Ingress"));
            case 11, 12, 13, 14 -> spec.setPolicyTypes(List.of("Egress"));
            default -> spec.setPolicyTypes(List.of("Ingress", "Egress"));
        }
        spec.setIngress(rules(r -> new NetworkPolicyIngressRule(peers(), r)));
        spec.setEgress(rules(r -> new NetworkPolicyEgressRule(r, peers())));
        NetworkPolicy policy = new NetworkPolicy();
        ObjectMeta meta = new ObjectMeta();
        meta.setNamespace("ns-" + "abc".charAt(random.nextInt(3)));
        meta.setName(name);
        policy.setMetadata(meta);
        policy.setSpec(spec);
        if (random.nextInt(20) == 0) {
            RandomDefects.spoil(policy, random);
        }
        return policy;
    }

    /** 0 to 2 rules (sometimes the empty rule), each built from a random port list. */
    private <R> List<R> rules(java.util.function.Function<List<NetworkPolicyPort>, R> rule) {
        List<R> result = new ArrayList<>();
        int n = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            result.add(rule.apply(ports()));
        }
        return result;
    }

    private List<NetworkPolicyPeer> peers() {
        List<NetworkPolicyPeer> result = new ArrayList<>();
        int n = random.nextInt(10) < 3 ? 0 : 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            NetworkPolicyPeer peer = new NetworkPolicyPeer();
            switch (random.nextInt(20)) {
                case 0, 1, 2, 3, 4, 5 -> peer.setPodSelector(selectors.pods());
                case 6, 7, 8, 9, 10 -> peer.setNamespaceSelector(selectors.namespaces());
                case 11, 12, 13, 14 -> {
                    peer.setNamespaceSelector(selectors.namespaces());
                    peer.setPodSelector(selectors.pods());
                }
                default -> peer.setIpBlock(copy(BLOCKS.get(random.nextInt(BLOCKS.size()))));
            }
            result.add(peer);
        }
        return result;
    }

    private List<NetworkPolicyPort> ports() {
        List<NetworkPolicyPort> result = new ArrayList<>();
        int n = random.nextInt(20) < 7 ? 0 : 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            result.add(switch (random.nextInt(10)) {
                case 0 -> policyPort(null, new IntOrString(80), null);
                case 1 -> policyPort("TCP", new IntOrString(81), null);
                case 2 -> policyPort("UDP", new IntOrString(53), null);
                case 3 -> policyPort("UDP", new IntOrString(80), null);
                case 4 -> policyPort(null, new IntOrString("http"), null);
                case 5 -> policyPort("UDP", new IntOrString("dns"), null);
                case 6 -> policyPort("TCP", new IntOrString(80), 81);
                case 7 -> policyPort("UDP", null, null);
                case 8 -> policyPort("SCTP", new IntOrString(80), null);
                default -> policyPort(null, null, null);
            });
        }
        return result;
    }

    static NetworkPolicyPort policyPort(String protocol, IntOrString port, Integer endPort) {
        return new NetworkPolicyPort(endPort, port, protocol);
    }

    private static IPBlock block(String cidr, String... except) {
        return new IPBlock(cidr, List.of(except));
    }

    private static IPBlock copy(IPBlock b) {
        return new IPBlock(b.getCidr(), new ArrayList<>(b.getExcept()));
    }
}
