package dev.junction.firewall.compile;

import static dev.junction.firewall.compile.FirewallNames.*;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.Protocol;
import dev.junction.model.policy.NamespaceInfo;
import dev.junction.model.policy.PodInfo;
import dev.junction.model.policy.PolicyPeer;
import dev.junction.nft.desired.Fragment;
import dev.junction.nft.desired.SetDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sets rules refer to, each kept once however many rules use it: pod IPs per peer selector, ipBlocks as
 * ranges, and for egress named ports the (address, protocol, port) of every destination pod that declares the
 * name (a named port resolves against the destination, which egress does not know in advance).
 *
 * <p>Incremental: a set is computed over every pod when a rule first needs it; after that a pod that comes, goes
 * or changes is checked against each set once (its old contribution out, its new one in), and a namespace whose
 * labels change re-checks only its own pods. Elements are counted, since two pods may briefly share an address.
 */
final class SharedSets {
    /** What a set holds, as a function of one pod. */
    private interface Spec {
        SetDef def(FirewallContext ctx);

        /** The elements the pod contributes (none if it is not a member). */
        List<String> of(PodInfo pod, NamespaceInfo ns, FirewallContext ctx);

        /** Elements that depend on no pod (ipBlocks). */
        default List<String> fixed(FirewallContext ctx) {
            return List.of();
        }

        /** Whether a namespace's labels can change membership. */
        boolean namespaceDependent();
    }

    private record PeerSpec(PeerKey key) implements Spec {
        public SetDef def(FirewallContext ctx) {
            return new SetDef(ctx.addrType(), null, null, 0);
        }

        public List<String> of(PodInfo pod, NamespaceInfo ns, FirewallContext ctx) {
            Ip ip = FirewallCompiler.addressOf(pod, ctx);
            return ip != null && key.matches(pod, ns) ? List.of(ip.toString()) : List.of();
        }

        public boolean namespaceDependent() {
            return key.namespaceSelector() != null;
        }
    }

    private record BlockSpec(PolicyPeer.IpBlock block) implements Spec {
        public SetDef def(FirewallContext ctx) {
            return new SetDef(ctx.addrType(), null, "interval", 0);
        }

        public List<String> of(PodInfo pod, NamespaceInfo ns, FirewallContext ctx) {
            return List.of();
        }

        public List<String> fixed(FirewallContext ctx) {
            return IpRanges.minus(block.cidr(), block.except());
        }

        public boolean namespaceDependent() {
            return false;
        }
    }

    /** Destination pods (of {@code peer}, or any pod when null) that declare the named port. */
    private record NamedSpec(PolicyPeer peer, String policyNamespace, String portName, Protocol protocol) implements Spec {
        public SetDef def(FirewallContext ctx) {
            return new SetDef(ctx.addrType() + " . inet_proto . inet_service", null, null, 0);
        }

        public List<String> of(PodInfo pod, NamespaceInfo ns, FirewallContext ctx) {
            Ip ip = FirewallCompiler.addressOf(pod, ctx);
            if (ip == null || !selects(pod, ns, ip)) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (PodInfo.NamedPort np : pod.ports()) {
                if (np.name().equals(portName) && np.protocol() == protocol) {
                    out.add(ip + " . " + protocol.nftName() + " . " + np.port());
                }
            }
            return out;
        }

        private boolean selects(PodInfo pod, NamespaceInfo ns, Ip ip) {
            if (pod.hostNetwork()) {
                // Named ports resolve against pod-network pods only: a host-network pod's address is its node's, and
                // its declared port would open that port on the whole node (also through an ipBlock peer).
                return false;
            }
            if (peer == null) {
                return true;
            }
            if (peer instanceof PolicyPeer.Pods pp) {
                return key(pp, policyNamespace).matches(pod, ns);
            }
            PolicyPeer.IpBlock block = (PolicyPeer.IpBlock) peer;
            return block.cidr().contains(ip) && block.except().stream().noneMatch(e -> e.contains(ip));
        }

        public boolean namespaceDependent() {
            return peer instanceof PolicyPeer.Pods pp && pp.namespaceSelector() != null;
        }
    }

    private final FirewallContext ctx;
    private final Map<String, PodInfo> pods;
    private final Map<String, NamespaceInfo> namespaces;
    private final Map<String, Spec> specs = new HashMap<>();
    private final Map<String, TreeMap<String, Integer>> counts = new HashMap<>();
    private final Set<String> touched = new HashSet<>();

    /** {@code pods} and {@code namespaces} are the caller's live maps, read when a new set is computed. */
    SharedSets(Map<String, PodInfo> pods, Map<String, NamespaceInfo> namespaces, FirewallContext ctx) {
        this.pods = pods;
        this.namespaces = namespaces;
        this.ctx = ctx;
    }

    /** The set of the pods a selector peer names (in the policy's namespace unless it has a namespaceSelector). */
    String peers(PolicyPeer.Pods peer, String policyNamespace) {
        PeerKey key = key(peer, policyNamespace);
        return ensure(peerSet(key), new PeerSpec(key));
    }

    /** The set of an ipBlock (cidr minus excepts); null if the block is of the other family. */
    String block(PolicyPeer.IpBlock block) {
        if (block.cidr().family() != ctx.family()) {
            return null;
        }
        String canonical = block.cidr() + " except " + block.except().stream().map(Cidr::toString).sorted().toList();
        return ensure(blockSet(canonical), new BlockSpec(block));
    }

    String named(PolicyPeer peer, String policyNamespace, String portName, Protocol protocol) {
        String peerText = peer == null ? "any" : peer instanceof PolicyPeer.Pods p ? key(p, policyNamespace).canonical()
                : "block " + ((PolicyPeer.IpBlock) peer).cidr() + " except " + ((PolicyPeer.IpBlock) peer).except();
        return ensure(namedSet(peerText + " port " + portName + "/" + protocol),
                new NamedSpec(peer, policyNamespace, portName, protocol));
    }

    private String ensure(String name, Spec spec) {
        if (specs.putIfAbsent(name, spec) == null) {
            TreeMap<String, Integer> c = new TreeMap<>();
            spec.fixed(ctx).forEach(e -> c.merge(e, 1, Integer::sum));
            for (PodInfo p : pods.values()) {
                spec.of(p, namespaces.get(p.namespace()), ctx).forEach(e -> c.merge(e, 1, Integer::sum));
            }
            counts.put(name, c);
            touched.add(name);
        }
        return name;
    }

    /** A pod changed (null: absent before / after): moves its contribution in every set. */
    void podChanged(PodInfo before, PodInfo after) {
        for (Map.Entry<String, Spec> e : specs.entrySet()) {
            List<String> out = before == null ? List.of() : e.getValue().of(before, namespaces.get(before.namespace()), ctx);
            List<String> in = after == null ? List.of() : e.getValue().of(after, namespaces.get(after.namespace()), ctx);
            if (!out.equals(in)) {
                TreeMap<String, Integer> c = counts.get(e.getKey());
                out.forEach(x -> c.computeIfPresent(x, (k, n) -> n == 1 ? null : n - 1));
                in.forEach(x -> c.merge(x, 1, Integer::sum));
                touched.add(e.getKey());
            }
        }
    }

    /** A namespace's labels changed from {@code before} to {@code after}: re-checks its pods in dependent sets. */
    void namespaceChanged(NamespaceInfo before, NamespaceInfo after, List<PodInfo> podsInNamespace) {
        for (Map.Entry<String, Spec> e : specs.entrySet()) {
            if (!e.getValue().namespaceDependent()) {
                continue;
            }
            TreeMap<String, Integer> c = counts.get(e.getKey());
            for (PodInfo p : podsInNamespace) {
                List<String> out = e.getValue().of(p, before, ctx);
                List<String> in = e.getValue().of(p, after, ctx);
                if (!out.equals(in)) {
                    out.forEach(x -> c.computeIfPresent(x, (k, n) -> n == 1 ? null : n - 1));
                    in.forEach(x -> c.merge(x, 1, Integer::sum));
                    touched.add(e.getKey());
                }
            }
        }
    }

    /** Forgets every set no rule refers to any more; they are reported as removed by {@link #drain}. */
    void retainOnly(Set<String> referenced) {
        for (String name : new ArrayList<>(specs.keySet())) {
            if (!referenced.contains(name)) {
                specs.remove(name);
                counts.remove(name);
                touched.add(name);
            }
        }
    }

    /** The owners ({@code set:<name>}) whose fragment changed since the last drain, with their new fragments. */
    Map<String, Fragment> drain() {
        Map<String, Fragment> out = new HashMap<>();
        for (String name : touched) {
            out.put("set:" + name, fragment(name));
        }
        touched.clear();
        return out;
    }

    /** Every set's fragment. */
    Map<String, Fragment> all() {
        Map<String, Fragment> out = new TreeMap<>();
        specs.keySet().forEach(name -> out.put("set:" + name, fragment(name)));
        return out;
    }

    private Fragment fragment(String name) {
        Spec spec = specs.get(name);
        if (spec == null) {
            return Fragment.EMPTY;
        }
        Fragment.Builder b = new Fragment.Builder();
        b.set(name, spec.def(ctx));
        counts.get(name).keySet().forEach(e -> b.element(name, e, ""));
        return b.build();
    }

    private static PeerKey key(PolicyPeer.Pods peer, String policyNamespace) {
        return new PeerKey(peer.namespaceSelector() == null ? policyNamespace : null, peer.namespaceSelector(),
                peer.podSelector());
    }
}
