package dev.junction.firewall.compile;

import static dev.junction.firewall.compile.FirewallNames.*;

import dev.junction.model.Ip;
import dev.junction.model.policy.NamespaceInfo;
import dev.junction.model.policy.NetworkPolicy;
import dev.junction.model.policy.PodInfo;
import dev.junction.model.policy.PolicyChanges;
import dev.junction.nft.desired.ChainDef;
import dev.junction.nft.desired.Fragment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The firewall's compiled state for one family, kept up to date change by change, so that a pod coming, going
 * or relabelled costs work in proportion to the sets it touches and the local pods it concerns, not to the
 * cluster: shared sets move only that pod's elements; a local pod's chains are recompiled when the pod or a
 * policy of its namespace changes. Produces the same fragments as compiling everything anew
 * ({@link FirewallCompiler#compile}), which tests check. Not thread-safe.
 */
public final class FirewallState {
    private final FirewallContext ctx;
    private final Map<String, PodInfo> pods = new HashMap<>();
    private final Map<String, NamespaceInfo> namespaces = new HashMap<>();
    private final Map<String, NetworkPolicy> policies = new TreeMap<>();
    private final SharedSets sets;
    private final Map<String, Fragment> podFragments = new TreeMap<>();
    private final Map<String, Set<String>> podSets = new HashMap<>();
    private Fragment skeleton = Fragment.EMPTY;
    /** The addresses of this node's pods (the local-pods set), kept as pods change so no sync walks every pod. */
    private final Map<String, String> localAddresses = new TreeMap<>();
    private boolean localAddressesChanged = true;

    public FirewallState(FirewallContext ctx) {
        this.ctx = ctx;
        this.sets = new SharedSets(pods, namespaces, ctx);
    }

    public FirewallContext context() {
        return ctx;
    }

    /** Applies one batch of changes; returns the owners whose fragment changed (EMPTY: the owner is gone). */
    public Map<String, Fragment> apply(PolicyChanges changes) {
        Set<String> recompile = new HashSet<>();
        // Namespaces first, while pods still hold their old state, so every contribution moves exactly once.
        changes.namespaces().forEach((name, ch) -> {
            List<PodInfo> inNs = pods.values().stream().filter(p -> p.namespace().equals(name)).toList();
            sets.namespaceChanged(ch.previous(), ch.current(), inNs);
            if (ch.current() == null) {
                namespaces.remove(name);
            } else {
                namespaces.put(name, ch.current());
            }
        });
        changes.pods().forEach((key, ch) -> {
            sets.podChanged(ch.previous(), ch.current());
            if (ch.current() == null) {
                pods.remove(key);
            } else {
                pods.put(key, ch.current());
            }
            String address = ch.current() != null && isLocal(ch.current())
                    ? FirewallCompiler.addressOf(ch.current(), ctx).toString() : null;
            if (!java.util.Objects.equals(address, address == null ? localAddresses.remove(key) : localAddresses.put(key, address))) {
                localAddressesChanged = true;
            }
            recompile.add(key);
        });
        Set<String> policyNamespaces = new HashSet<>();
        changes.policies().forEach((key, ch) -> {
            if (ch.previous() != null) {
                policyNamespaces.add(ch.previous().namespace());
            }
            if (ch.current() == null) {
                policies.remove(key);
            } else {
                policies.put(key, ch.current());
                policyNamespaces.add(ch.current().namespace());
            }
        });
        if (!policyNamespaces.isEmpty()) {
            pods.values().stream().filter(p -> policyNamespaces.contains(p.namespace())).forEach(p -> recompile.add(p.key()));
        }
        Map<String, Fragment> out = new HashMap<>();
        for (String key : recompile) {
            podSets.remove(key);
            Fragment next = compilePod(pods.get(key));
            Fragment prev = podFragments.getOrDefault("pod:" + key, Fragment.EMPTY);
            if (!next.equals(prev)) {
                out.put("pod:" + key, next);
            }
            if (next.equals(Fragment.EMPTY)) {
                podFragments.remove("pod:" + key);
            } else {
                podFragments.put("pod:" + key, next);
            }
        }
        Set<String> referenced = new HashSet<>();
        podSets.values().forEach(referenced::addAll);
        sets.retainOnly(referenced);
        out.putAll(sets.drain());
        if (localAddressesChanged) {
            localAddressesChanged = false;
            Fragment nextSkeleton = skeleton();
            if (!nextSkeleton.equals(skeleton)) {
                skeleton = nextSkeleton;
                out.put("skeleton", skeleton);
            }
        }
        return out;
    }

    /** Every owner's current fragment (for a full resync). */
    public SortedMap<String, Fragment> all() {
        SortedMap<String, Fragment> out = new TreeMap<>(podFragments);
        out.putAll(sets.all());
        out.put("skeleton", skeleton);
        return out;
    }

    /** The chains of one pod if it is a local, policed pod; EMPTY otherwise. */
    private Fragment compilePod(PodInfo pod) {
        if (pod == null || !isLocal(pod)) {
            return Fragment.EMPTY;
        }
        Ip ip = FirewallCompiler.addressOf(pod, ctx);
        List<NetworkPolicy> ingress = new ArrayList<>();
        List<NetworkPolicy> egress = new ArrayList<>();
        for (NetworkPolicy p : policies.values()) {
            if (p.namespace().equals(pod.namespace()) && p.podSelector().matches(pod.labels())) {
                if (p.ingress()) {
                    ingress.add(p);
                }
                if (p.egress()) {
                    egress.add(p);
                }
            }
        }
        if (ingress.isEmpty() && egress.isEmpty()) {
            return Fragment.EMPTY;
        }
        Fragment.Builder f = new Fragment.Builder();
        PodRules rules = new PodRules(pod, ip, ctx, sets);
        if (!ingress.isEmpty()) {
            String chain = ingressChain(pod.key());
            f.chain(chain, ChainDef.regular(rules.ingress(ingress)));
            f.element(INGRESS_PODS, ip.toString(), "jump " + chain);
        }
        if (!egress.isEmpty()) {
            String chain = egressChain(pod.key());
            f.chain(chain, ChainDef.regular(rules.egress(egress)));
            f.element(EGRESS_PODS, ip.toString(), "jump " + chain);
        }
        podSets.put(pod.key(), rules.referenced());
        return f.build();
    }

    private boolean isLocal(PodInfo pod) {
        return !pod.hostNetwork() && ctx.nodeName().equals(pod.nodeName()) && FirewallCompiler.addressOf(pod, ctx) != null;
    }

    private Fragment skeleton() {
        Fragment.Builder b = FirewallCompiler.skeleton(ctx);
        for (String address : localAddresses.values()) {
            b.element(LOCAL_PODS, address, "");
        }
        return b.build();
    }
}
