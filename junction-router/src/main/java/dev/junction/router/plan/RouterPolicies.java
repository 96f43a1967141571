package dev.junction.router.plan;

import dev.junction.bgp.rib.policy.Action;
import dev.junction.bgp.rib.policy.Condition;
import dev.junction.bgp.rib.policy.Policy;
import dev.junction.bgp.rib.policy.PrefixList;
import dev.junction.bgp.rib.policy.Term;
import dev.junction.bgp.wire.AddressFamily;
import dev.junction.bgp.wire.Prefix;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The three policies of kube-router's {@code kube_router_export}/{@code kube_router_import} (kube-router §6), as
 * the speaker's {@link Policy} values. Prefix lists are sorted, so equal inputs give equal policies.
 */
public final class RouterPolicies {
    public static final String NODE_EXPORT = "junction-node-export";
    public static final String EXTERNAL_EXPORT = "junction-external-export";
    public static final String IMPORT = "junction-import";

    private RouterPolicies() {}

    /**
     * Toward other nodes: only pod CIDRs, and those of every node, so that a route reflector passes each node's
     * prefixes on to its clients. Nothing else a node learned (e.g. from a top-of-rack router) is spread.
     */
    public static Policy nodeExport(Collection<Prefix> allPodCidrs) {
        List<Term> terms = new ArrayList<>();
        exact(allPodCidrs).ifPresent(l -> terms.add(new Term("pod-cidrs", List.of(new Condition.PrefixIn(l)), List.of(new Action.Accept()))));
        return new Policy(NODE_EXPORT, terms, false);
    }

    /**
     * Toward external peers: our own pod CIDRs when {@code advertisePodCidr} (not other nodes': the peer would
     * send their traffic through us), and the service VIPs we announce, with our communities and prepend added.
     */
    public static Policy externalExport(Collection<Prefix> ownPodCidrs, boolean advertisePodCidr, Collection<Prefix> serviceVips,
                                        List<Long> communities, Optional<RouterNode.PathPrepend> prepend) {
        List<Action> actions = new ArrayList<>();
        if (!communities.isEmpty()) actions.add(new Action.AddCommunities(communities));
        prepend.ifPresent(p -> actions.add(new Action.PrependAs(p.asn(), p.repeat())));
        actions.add(new Action.Accept());
        List<Term> terms = new ArrayList<>();
        if (advertisePodCidr) exact(ownPodCidrs).ifPresent(l -> terms.add(new Term("pod-cidrs", List.of(new Condition.PrefixIn(l)), actions)));
        exact(serviceVips).ifPresent(l -> terms.add(new Term("service-vips", List.of(new Condition.PrefixIn(l)), actions)));
        return new Policy(EXTERNAL_EXPORT, terms, false);
    }

    /**
     * From every peer: never a service VIP (we own those), never a default route (a peer must not take over the
     * node's default), never what the node's {@code customimportreject} lists (with every longer prefix inside it);
     * everything else is accepted and installed, as in kube-router.
     */
    public static Policy importPolicy(Collection<Prefix> serviceVips, Collection<Prefix> importReject) {
        List<Action> reject = List.of(new Action.Reject());
        List<Term> terms = new ArrayList<>();
        exact(serviceVips).ifPresent(l -> terms.add(new Term("reject-service-vips", List.of(new Condition.PrefixIn(l)), reject)));
        terms.add(new Term("reject-default-routes", List.of(new Condition.PrefixIn(exact(List.of(
                new Prefix(AddressFamily.IPV4, new byte[4], 0), new Prefix(AddressFamily.IPV6, new byte[16], 0))).orElseThrow())), reject));
        List<PrefixList.Entry> custom = importReject.stream().distinct().sorted(Prefix.ORDER)
                .map(p -> new PrefixList.Entry(p, p.length(), p.family().bits(), true)).toList();
        if (!custom.isEmpty()) terms.add(new Term("reject-custom", List.of(new Condition.PrefixIn(new PrefixList(custom))), reject));
        return new Policy(IMPORT, terms, true);
    }

    /** Exact-match permit entries, sorted; empty when there are none (a term that can never match is left out). */
    private static Optional<PrefixList> exact(Collection<Prefix> prefixes) {
        List<PrefixList.Entry> entries = prefixes.stream().distinct().sorted(Prefix.ORDER)
                .map(p -> new PrefixList.Entry(p, p.length(), p.length(), true)).toList();
        return entries.isEmpty() ? Optional.empty() : Optional.of(new PrefixList(entries));
    }
}
