package dev.junction.agent.policy;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.Protocol;
import dev.junction.model.policy.LabelSelector;
import dev.junction.model.policy.NamespaceInfo;
import dev.junction.model.policy.NetworkPolicy;
import dev.junction.model.policy.PodInfo;
import dev.junction.model.policy.PolicyPeer;
import dev.junction.model.policy.PolicyPort;
import dev.junction.model.policy.PolicyRule;
import dev.junction.model.policy.PolicyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark's cluster, in model records: M pods over K = max(3, M/500) namespaces, every 20th pod on this node
 * ({@value #NODE}, pod CIDR {@value #LOCAL_CIDR}), the others on 64 other nodes; N policies of kube-router-like
 * variety. Deterministic: the same sizes give the same cluster.
 *
 * <p>Pods: {@code ns-<k>/pod-<j>} with a random namespace, labels {@code app=app-<0..49>} and {@code role}
 * (frontend, backend, db, worker) drawn at random (seed 42), named ports {@code http} 8080/TCP and {@code metrics}
 * 9090/TCP; every 20th pod runs on this node. Two of the local pods are the
 * first-packet pair: {@value #CLIENT} ({@value #CLIENT_IP}, {@code app=bench-client}) and {@value #SERVER}
 * ({@value #SERVER_IP}, {@code app=bench-server}).
 *
 * <p>Policies, in turn: S = max(1, N/100) that select the pair: ingress policies on the server (each allowing
 * another app on 8080, the last one the client) and, from S = 2, egress policies on the client (the last allowing
 * the server on 8080), so a first packet walks every rule; then one default-deny-ingress per namespace
 * ({@code podSelector: {}}); then, cycling, ingress from an app on 8080, ingress from a namespaceSelector on the
 * named port http, ingress from frontends and an ipBlock with except on 8000-8100, and egress to an app on 5432,
 * DNS to kube-system on 53/UDP and the named port metrics.
 */
final class SyntheticPolicies {
    static final String NODE = "bench-node";
    static final String LOCAL_CIDR = "10.244.0.0/16";
    static final String BRIDGE_IP = "10.244.0.1";
    static final String CLIENT = "ns-0/bench-client";
    static final String SERVER = "ns-0/bench-server";
    static final String CLIENT_IP = "10.244.0.2";
    static final String SERVER_IP = "10.244.0.3";
    /** The port the first-packet server answers on and the pair's policies allow; {@link #DENIED_PORT} they do not. */
    static final int PORT = 8080;
    static final int DENIED_PORT = 8081;
    static final int APPS = 50;
    private static final String[] ROLES = {"frontend", "backend", "db", "worker"};

    final int namespaces;
    final List<NamespaceInfo> namespaceList = new ArrayList<>();
    final List<PodInfo> pods = new ArrayList<>();
    final List<NetworkPolicy> policies = new ArrayList<>();
    private int localAddresses = 3; // 10.244.0.1 the bridge, .2 the client, .3 the server
    private int remoteAddresses;

    SyntheticPolicies(int podCount, int policyCount) {
        namespaces = Math.max(3, (podCount + 499) / 500);
        for (int i = 0; i < namespaces; i++) {
            namespaceList.add(new NamespaceInfo("ns-" + i, Map.of("team", "t" + (i % 3),
                    "kubernetes.io/metadata.name", "ns-" + i)));
        }
        namespaceList.add(new NamespaceInfo("kube-system", Map.of("kubernetes.io/metadata.name", "kube-system")));
        pods.add(pod("ns-0", "bench-client", Ip.of(CLIENT_IP), Map.of("app", "bench-client", "role", "client"), NODE));
        pods.add(pod("ns-0", "bench-server", Ip.of(SERVER_IP), Map.of("app", "bench-server", "role", "server"), NODE));
        Random random = new Random(42); // the cluster is the same whatever the churn's seed
        for (int j = 2; j < podCount; j++) {
            pods.add(regularPod(j, j % 20 == 0, random));
        }
        int pair = Math.max(1, policyCount / 100);
        int egress = pair / 2;
        int ingress = pair - egress;
        for (int i = 0; i < ingress && policies.size() < policyCount; i++) {
            String peer = i == ingress - 1 ? "bench-client" : "app-" + i % APPS;
            policies.add(new NetworkPolicy("ns-0", "server-ingress-" + i, labels("app", "bench-server"), true, false,
                    List.of(rule(pods(labels("app", peer), null), port(PORT))), List.of()));
        }
        for (int i = 0; i < egress && policies.size() < policyCount; i++) {
            String peer = i == egress - 1 ? "bench-server" : "app-" + i % APPS;
            policies.add(new NetworkPolicy("ns-0", "client-egress-" + i, labels("app", "bench-client"), false, true,
                    List.of(), List.of(rule(pods(labels("app", peer), null), port(PORT)))));
        }
        for (int n = 0; n < namespaces && policies.size() < policyCount; n++) {
            policies.add(new NetworkPolicy("ns-" + n, "default-deny-ingress", LabelSelector.EVERYTHING, true, false,
                    List.of(), List.of()));
        }
        for (int h = 0; policies.size() < policyCount; h++) {
            policies.add(regularPolicy(h, random));
        }
    }

    /**
     * Pod j of the regular population in a random namespace, with a random app and role (also used for churn, with
     * j beyond the initial count).
     */
    PodInfo regularPod(int j, boolean local, Random random) {
        String ns = "ns-" + random.nextInt(namespaces);
        Ip ip = local ? localIp() : remoteIp();
        return pod(ns, "pod-" + j, ip, Map.of("app", randomApp(random), "role", ROLES[random.nextInt(ROLES.length)]),
                local ? NODE : "node-" + (1 + random.nextInt(64)));
    }

    /** The same pod with another app label. */
    static PodInfo relabel(PodInfo p, String app) {
        return new PodInfo(p.namespace(), p.name(), p.ips(), Map.of("app", app, "role", p.labels().get("role")),
                p.nodeName(), p.hostNetwork(), p.ports());
    }

    void feed(PolicyStore store) {
        namespaceList.forEach(store::putNamespace);
        pods.forEach(store::putPod);
        policies.forEach(store::putPolicy);
        for (PolicyStore.Kind k : PolicyStore.Kind.values()) {
            store.markSynced(k);
        }
    }

    long localPods() {
        return pods.stream().filter(p -> NODE.equals(p.nodeName())).count();
    }

    static List<Cidr> podCidrs() {
        return List.of(Cidr.of(LOCAL_CIDR));
    }

    /** A random app label, for churn. */
    static String randomApp(Random random) {
        return "app-" + random.nextInt(APPS);
    }

    /** Namespace, selected app and peers are drawn at random: no aliasing between the policy kinds and the pods. */
    private NetworkPolicy regularPolicy(int h, Random random) {
        String ns = "ns-" + random.nextInt(namespaces);
        LabelSelector selected = labels("app", randomApp(random));
        String name = "policy-" + h;
        String peerApp = randomApp(random);
        String team = "t" + random.nextInt(3);
        return switch (h % 4) {
            case 0 -> new NetworkPolicy(ns, name, selected, true, false,
                    List.of(rule(pods(labels("app", peerApp), null), port(PORT))), List.of());
            case 1 -> new NetworkPolicy(ns, name, selected, true, false, List.of(rule(
                    pods(null, labels("team", team)), new PolicyPort(Protocol.TCP, 0, "http", 0))), List.of());
            case 2 -> new NetworkPolicy(ns, name, selected, true, false, List.of(new PolicyRule(List.of(
                    pods(labels("role", "frontend"), null),
                    new PolicyPeer.IpBlock(Cidr.of("10.0.0.0/8"), List.of(Cidr.of("10.244.0.0/16"), Cidr.of("10.96.0.0/12")))),
                    List.of(new PolicyPort(Protocol.TCP, 8000, null, 8100)))), List.of());
            default -> new NetworkPolicy(ns, name, selected, false, true, List.of(), List.of(
                    rule(pods(labels("app", peerApp), null), port(5432)),
                    rule(pods(null, labels("kubernetes.io/metadata.name", "kube-system")),
                            new PolicyPort(Protocol.UDP, 53, null, 0)),
                    rule(pods(labels("role", "db"), labels("team", team)),
                            new PolicyPort(Protocol.TCP, 0, "metrics", 0))));
        };
    }

    private static PodInfo pod(String ns, String name, Ip ip, Map<String, String> labels, String node) {
        return new PodInfo(ns, name, List.of(ip), labels, node, false, List.of(
                new PodInfo.NamedPort("http", Protocol.TCP, PORT), new PodInfo.NamedPort("metrics", Protocol.TCP, 9090)));
    }

    private Ip localIp() {
        int k = localAddresses++;
        return Ip.of("10.244." + (k / 250) + "." + (k % 250 + 1));
    }

    private Ip remoteIp() {
        int k = remoteAddresses++;
        return Ip.of("10." + (245 + k / 62500) + "." + (k / 250) % 250 + "." + (k % 250 + 1));
    }

    private static LabelSelector labels(String k, String v) {
        return new LabelSelector(Map.of(k, v), List.of());
    }

    private static PolicyPeer pods(LabelSelector pods, LabelSelector namespaces) {
        return new PolicyPeer.Pods(pods, namespaces);
    }

    private static PolicyPort port(int p) {
        return new PolicyPort(Protocol.TCP, p, null, 0);
    }

    private static PolicyRule rule(PolicyPeer peer, PolicyPort port) {
        return new PolicyRule(List.of(peer), List.of(port));
    }
}
