package dev.junction.firewall.compile;

import static dev.junction.firewall.compile.FirewallNames.NFLOG_GROUP;

import dev.junction.model.Ip;
import dev.junction.model.policy.NetworkPolicy;
import dev.junction.model.policy.PodInfo;
import dev.junction.model.policy.PolicyPeer;
import dev.junction.model.policy.PolicyPort;
import dev.junction.model.policy.PolicyRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingress and egress chains of one local pod: for every policy that selects it, every rule, every peer
 * and every port, one nft rule; each carries a comment naming its policy and rule, so a listing answers "why".
 */
final class PodRules {
    private final PodInfo pod;
    private final Ip ip;
    private final FirewallContext ctx;
    private final SharedSets shared;
    private final java.util.Set<String> referenced = new java.util.TreeSet<>();

    PodRules(PodInfo pod, Ip ip, FirewallContext ctx, SharedSets shared) {
        this.pod = pod;
        this.ip = ip;
        this.ctx = ctx;
        this.shared = shared;
    }

    /** Rules end in accept: the destination's ingress is the last check. */
    List<String> ingress(List<NetworkPolicy> policies) {
        List<String> rules = new ArrayList<>();
        String x = ctx.ip();
        rules.add(x + " saddr " + ip + " accept comment \"a pod may always reach itself\"");
        for (NetworkPolicy p : policies) {
            for (int r = 0; r < p.ingressRules().size(); r++) {
                PolicyRule rule = p.ingressRules().get(r);
                List<PortMatch> ports = PortMatch.resolve(rule.ports(), pod); // named ports: this pod's
                if (ports.isEmpty()) {
                    continue; // no port of this pod: no rule, so no peer set either (it would be declared unused)
                }
                for (String peer : peers(rule.peers(), p.namespace(), "saddr")) {
                    for (PortMatch port : ports) {
                        rules.add(join(peer, port.nft(), "accept", comment(p, "ingress", r)));
                    }
                }
            }
        }
        rules.addAll(drop("ingress"));
        return rules;
    }

    /** Rules end in return: allowed traffic goes on to the destination's ingress check. */
    List<String> egress(List<NetworkPolicy> policies) {
        List<String> rules = new ArrayList<>();
        String x = ctx.ip();
        rules.add(x + " daddr " + ip + " return comment \"a pod may always reach itself\"");
        for (NetworkPolicy p : policies) {
            for (int r = 0; r < p.egressRules().size(); r++) {
                PolicyRule rule = p.egressRules().get(r);
                String why = comment(p, "egress", r);
                List<PolicyPort> numeric = rule.ports().stream().filter(pp -> pp.name() == null).toList();
                List<PolicyPort> named = rule.ports().stream().filter(pp -> pp.name() != null).toList();
                if (rule.ports().isEmpty() || !numeric.isEmpty()) {
                    List<PortMatch> ports = PortMatch.resolve(numeric, pod);
                    for (String peer : peers(rule.peers(), p.namespace(), "daddr")) {
                        for (PortMatch port : ports) {
                            rules.add(join(peer, port.nft(), "return", why));
                        }
                    }
                }
                // A named port resolves against each destination pod: one set of (address, protocol, port).
                for (PolicyPort np : named) {
                    List<PolicyPeer> peers = rule.peers().isEmpty() ? java.util.Collections.singletonList(null) : rule.peers();
                    for (PolicyPeer peer : peers) {
                        if (peer instanceof PolicyPeer.IpBlock b && b.cidr().family() != ctx.family()) {
                            continue;
                        }
                        String set = ref(shared.named(peer, p.namespace(), np.name(), np.protocol()));
                        rules.add(join(x + " daddr . meta l4proto . th dport @" + set, "", "return", why));
                    }
                }
            }
        }
        rules.addAll(drop("egress"));
        return rules;
    }

    /** The address matches of a rule's peers; an empty list matches everyone (one empty match). */
    private List<String> peers(List<PolicyPeer> peers, String policyNamespace, String dir) {
        if (peers.isEmpty()) {
            return List.of("");
        }
        String x = ctx.ip();
        List<String> out = new ArrayList<>();
        for (PolicyPeer peer : peers) {
            if (peer instanceof PolicyPeer.Pods pods) {
                out.add(x + " " + dir + " @" + ref(shared.peers(pods, policyNamespace)));
            } else {
                String set = ref(shared.block((PolicyPeer.IpBlock) peer));
                if (set != null) {
                    out.add(x + " " + dir + " @" + set);
                }
            }
        }
        return out;
    }

    /** The shared sets this pod's rules use. */
    java.util.Set<String> referenced() {
        return referenced;
    }

    private String ref(String set) {
        if (set != null) {
            referenced.add(set);
        }
        return set;
    }

    private List<String> drop(String direction) {
        List<String> rules = new ArrayList<>();
        if (ctx.logDrops()) {
            // nft takes at most 127 characters of log prefix (and libnftables 1.0.6 crashes on much longer ones).
            String prefix = "junction " + direction + " drop ";
            rules.add("limit rate 10/second burst 20 packets log prefix \"" + prefix + fit(pod.key(), 127 - prefix.length() - 2)
                    + ": \" group " + NFLOG_GROUP);
        }
        rules.add("drop");
        return rules;
    }

    /** A rule comment is at most 128 characters (nft refuses the whole batch otherwise). */
    private static String comment(NetworkPolicy p, String direction, int rule) {
        String suffix = " " + direction + "[" + rule + "]";
        return "comment \"" + fit(p.key(), 128 - suffix.length()) + suffix + "\"";
    }

    /** {@code s}, or its start and "..." when it is longer than {@code max} (names are ASCII). */
    private static String fit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String s : parts) {
            if (!s.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(s);
            }
        }
        return sb.toString();
    }
}
