package dev.junction.firewall.compile;

import static dev.junction.firewall.compile.FirewallNames.*;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.policy.NamespaceInfo;
import dev.junction.model.policy.NetworkPolicy;
import dev.junction.model.policy.PodInfo;
import dev.junction.model.policy.PolicyChanges;
import dev.junction.model.policy.PolicySnapshot;
import dev.junction.nft.desired.ChainDef;
import dev.junction.nft.desired.Fragment;
import dev.junction.nft.desired.SetDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Compiles NetworkPolicy for the pods of this node into nftables fragments, for one family: a pure function of
 * the pods, namespaces and policies.
 *
 * <pre>
 * forward (filter 0): established/related accept; invalid drop (pod traffic); an address of this node's pod
 *                     CIDR that is no known pod: drop (new pods are closed until their rules exist);
 *                     ip saddr vmap @egress-pods; ip daddr vmap @ingress-pods
 * input   (filter 0): the same for pods talking to the node (their egress)
 * egress-&lt;pod&gt;:  one rule per (policy rule, peer, port): return if allowed; then drop
 * ingress-&lt;pod&gt;: one rule per (policy rule, peer, port): accept if allowed; then drop
 * </pre>
 * A pod selected by no policy for a direction has no element in that map: open. Peers are sets of pod IPs
 * keyed by selector, shared by every rule with the same peer, so a pod coming, going or changing labels is an
 * element change. Connections to a Service are judged after DNAT (forward runs after the proxy's prerouting
 * NAT) against the backend. Traffic from the node to its own pods (output) is never policed.
 *
 * <p>Owners of the returned fragments: {@code skeleton}, {@code pod:<ns/name>} for each policed local pod, and
 * one per shared set ({@code set:<name>}).
 */
public final class FirewallCompiler {
    private FirewallCompiler() {}

    public static SortedMap<String, Fragment> compile(Map<String, PodInfo> pods, Map<String, NamespaceInfo> namespaces,
            Map<String, NetworkPolicy> policies, FirewallContext ctx) {
        FirewallState state = new FirewallState(ctx);
        state.apply(asAdditions(new PolicySnapshot(pods, namespaces, policies)));
        return state.all();
    }

    /** The whole snapshot as changes that add everything. */
    public static PolicyChanges asAdditions(PolicySnapshot snap) {
        Map<String, PolicyChanges.Change<PodInfo>> pods = new TreeMap<>();
        snap.pods().forEach((k, v) -> pods.put(k, new PolicyChanges.Change<>(null, v)));
        Map<String, PolicyChanges.Change<NamespaceInfo>> nss = new TreeMap<>();
        snap.namespaces().forEach((k, v) -> nss.put(k, new PolicyChanges.Change<>(null, v)));
        Map<String, PolicyChanges.Change<NetworkPolicy>> pols = new TreeMap<>();
        snap.policies().forEach((k, v) -> pols.put(k, new PolicyChanges.Change<>(null, v)));
        return new PolicyChanges(pods, nss, pols, snap);
    }

    /** The pod's address of this family, or null. */
    static Ip addressOf(PodInfo pod, FirewallContext ctx) {
        return pod.ips().stream().filter(i -> i.family() == ctx.family()).findFirst().orElse(null);
    }

    /** The static part, without the local-pods elements (the state adds them). */
    static Fragment.Builder skeleton(FirewallContext ctx) {
        String ip = ctx.ip();
        String addr = ctx.addrType();
        Fragment.Builder b = new Fragment.Builder();
        b.set(LOCAL_PODS, new SetDef(addr, null, null, 0));
        b.set(POD_CIDRS, new SetDef(addr, null, "interval", 0));
        b.set(INGRESS_PODS, new SetDef(addr, "verdict", null, 0));
        b.set(EGRESS_PODS, new SetDef(addr, "verdict", null, 0));
        for (Cidr c : ctx.podCidrs()) {
            b.element(POD_CIDRS, c.toString(), "");
        }
        List<String> forward = new ArrayList<>();
        forward.add("ct state established,related accept");
        forward.add(ip + " saddr @" + LOCAL_PODS + " ct state invalid drop");
        forward.add(ip + " daddr @" + LOCAL_PODS + " ct state invalid drop");
        forward.add(ip + " saddr @" + POD_CIDRS + " " + ip + " saddr != @" + LOCAL_PODS + " drop");
        forward.add(ip + " daddr @" + POD_CIDRS + " " + ip + " daddr != @" + LOCAL_PODS + " drop");
        forward.add(ip + " saddr vmap @" + EGRESS_PODS);
        forward.add(ip + " daddr vmap @" + INGRESS_PODS);
        b.chain(FORWARD, new ChainDef("filter", "forward", 0, forward));
        b.chain(INPUT, new ChainDef("filter", "input", 0, List.of(
                "meta iif lo accept",
                "ct state established,related accept",
                ip + " saddr @" + LOCAL_PODS + " ct state invalid drop",
                ip + " saddr @" + POD_CIDRS + " " + ip + " saddr != @" + LOCAL_PODS + " drop",
                ip + " saddr vmap @" + EGRESS_PODS)));
        return b;
    }
}
