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
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The sets rules refer to, each computed once however many rules use it: pod IPs per peer selector, ipBlocks
 * as ranges, and for egress named ports the (address, protocol, port) of every destination pod that declares
 * the name (a named port resolves against the destination, which egress does not know in advance).
 */
final class SharedSets {
    private final Map<String, PodInfo> pods;
    private final Map<String, NamespaceInfo> namespaces;
    private final FirewallContext ctx;
    private final SortedMap<String, Fragment> sets = new TreeMap<>();

    SharedSets(Map<String, PodInfo> pods, Map<String, NamespaceInfo> namespaces, FirewallContext ctx) {
        this.pods = pods;
        this.namespaces = namespaces;
        this.ctx = ctx;
    }

    /** The set of the pods a selector peer names (in the policy's namespace unless it has a namespaceSelector). */
    String peers(PolicyPeer.Pods peer, String policyNamespace) {
        PeerKey key = key(peer, policyNamespace);
        String name = peerSet(key);
        sets.computeIfAbsent("set:" + name, n -> {
            Fragment.Builder b = new Fragment.Builder();
            b.set(name, new SetDef(ctx.addrType(), null, null, 0));
            for (PodInfo p : pods.values()) {
                Ip ip = FirewallCompiler.addressOf(p, ctx);
                if (ip != null && key.matches(p, namespaces.get(p.namespace()))) {
                    b.element(name, ip.toString(), "");
                }
            }
            return b.build();
        });
        return name;
    }

    /** The set of an ipBlock (cidr minus excepts); null if the block is of the other family. */
    String block(PolicyPeer.IpBlock block) {
        if (block.cidr().family() != ctx.family()) {
            return null;
        }
        String canonical = block.cidr() + " except " + block.except().stream().map(Cidr::toString).sorted().toList();
        String name = blockSet(canonical);
        sets.computeIfAbsent("set:" + name, n -> {
            Fragment.Builder b = new Fragment.Builder();
            b.set(name, new SetDef(ctx.addrType(), null, "interval", 0));
            for (String range : IpRanges.minus(block.cidr(), block.except())) {
                b.element(name, range, "");
            }
            return b.build();
        });
        return name;
    }

    /**
     * The (address . protocol . port) set of destination pods matching {@code peer} (null: any pod) that declare
     * the named port.
     */
    String named(PolicyPeer peer, String policyNamespace, String portName, Protocol protocol) {
        String peerText = peer == null ? "any" : peer instanceof PolicyPeer.Pods p ? key(p, policyNamespace).canonical()
                : "block " + ((PolicyPeer.IpBlock) peer).cidr() + " except " + ((PolicyPeer.IpBlock) peer).except();
        String name = namedSet(peerText + " port " + portName + "/" + protocol);
        sets.computeIfAbsent("set:" + name, n -> {
            Fragment.Builder b = new Fragment.Builder();
            b.set(name, new SetDef(ctx.addrType() + " . inet_proto . inet_service", null, null, 0));
            for (PodInfo p : pods.values()) {
                Ip ip = FirewallCompiler.addressOf(p, ctx);
                if (ip == null || !selects(peer, policyNamespace, p, ip)) {
                    continue;
                }
                for (PodInfo.NamedPort np : p.ports()) {
                    if (np.name().equals(portName) && np.protocol() == protocol) {
                        b.element(name, ip + " . " + protocol.nftName() + " . " + np.port(), "");
                    }
                }
            }
            return b.build();
        });
        return name;
    }

    private boolean selects(PolicyPeer peer, String policyNamespace, PodInfo p, Ip ip) {
        if (peer == null) {
            return !p.hostNetwork();
        }
        if (peer instanceof PolicyPeer.Pods pp) {
            return key(pp, policyNamespace).matches(p, namespaces.get(p.namespace()));
        }
        PolicyPeer.IpBlock block = (PolicyPeer.IpBlock) peer;
        return block.cidr().contains(ip) && block.except().stream().noneMatch(e -> e.contains(ip));
    }

    private static PeerKey key(PolicyPeer.Pods peer, String policyNamespace) {
        return new PeerKey(peer.namespaceSelector() == null ? policyNamespace : null, peer.namespaceSelector(),
                peer.podSelector());
    }

    SortedMap<String, Fragment> fragments() {
        return sets;
    }

    static String list(List<String> items) {
        return items.stream().collect(Collectors.joining(", "));
    }
}
