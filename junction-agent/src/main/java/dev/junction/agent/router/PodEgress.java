package dev.junction.agent.router;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.IpFamily;
import dev.junction.nft.NftException;
import dev.junction.nft.desired.ChainDef;
import dev.junction.nft.desired.Fragment;
import dev.junction.nft.desired.SetDef;
import dev.junction.nft.desired.TableSync;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code --enable-pod-egress}: traffic from this node's pods to anywhere outside the cluster leaves with the
 * node's address (kube-router's MASQUERADE rule, its ipsets {@code kube-router-pod-subnets} and
 * {@code kube-router-node-ips}), in Junction's own table {@code ip junction-router}: pod-to-pod and pod-to-node
 * traffic keeps its source address. Only the two sets change when nodes come and go.
 */
public final class PodEgress {
    static final String TABLE = "junction-router";
    private static final String POD_SUBNETS = "pod-subnets";
    private static final String NODE_IPS = "node-ips";

    private final TableSync table;
    private Fragment programmed;

    public PodEgress(TableSync table) {
        this.table = Objects.requireNonNull(table);
    }

    /** The table's whole content for these pod CIDRs and node addresses (IPv4; an IPv6 family would mirror it). */
    static Fragment fragment(Collection<Cidr> podCidrs, Collection<Ip> nodeIps) {
        Fragment.Builder b = new Fragment.Builder();
        b.set(POD_SUBNETS, new SetDef("ipv4_addr", null, "interval", 0));
        b.set(NODE_IPS, new SetDef("ipv4_addr", null, null, 0));
        for (Cidr c : podCidrs) if (c.family() == IpFamily.V4) b.element(POD_SUBNETS, c.toString(), "");
        for (Ip ip : nodeIps) if (ip.family() == IpFamily.V4) b.element(NODE_IPS, ip.toString(), "");
        // srcnat priority 100, after the proxy's DNAT and its own masquerade (both at kube-proxy's priorities).
        b.chain("postrouting", new ChainDef("nat", "postrouting", 100, List.of(
                "ip saddr @" + POD_SUBNETS + " ip daddr != @" + POD_SUBNETS + " ip daddr != @" + NODE_IPS
                        + " counter masquerade comment \"pod egress\"")));
        return b.build();
    }

    /** Brings the table to the given cluster; a no-op when nothing changed. */
    public void apply(Collection<Cidr> podCidrs, Collection<Ip> nodeIps) throws NftException {
        Fragment want = fragment(podCidrs, nodeIps);
        if (want.equals(programmed) && !table.needsFullSync()) return;
        if (programmed == null || table.needsFullSync()) table.replaceAll(Map.of("egress", want));
        else table.update(Map.of("egress", want));
        programmed = want;
    }
}
