package dev.junction.proxy.compile;

import static dev.junction.proxy.compile.Names.*;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import java.util.List;
import java.util.stream.Collectors;
import dev.junction.nft.desired.ChainDef;
import dev.junction.nft.desired.Fragment;
import dev.junction.nft.desired.SetDef;

/**
 * The static part of Junction's table: base chains, the dispatch chains and the shared sets and maps. A packet
 * meets a fixed number of rules here whatever the number of services: every lookup is one set or map lookup.
 *
 * <pre>
 * prerouting  filter -110: firewall-check (LB source ranges)            nat -100: services (DNAT)
 * input       filter -110: nodeport-endpoints-check, service-endpoints-check (reject/drop w/o endpoints)
 * forward     filter -110: service-endpoints-check, cluster-ips-check
 * output      filter -110: service-endpoints-check, firewall-check      nat -100: services (DNAT)
 *             filter  -90: cluster-ips-check (after DNAT: a ClusterIP left untranslated has no such port)
 * postrouting nat     100: masquerading (connections marked 0x4000, and hairpin)
 * </pre>
 */
public final class Skeleton {
    private Skeleton() {}

    public static Fragment compile(NodeContext ctx) {
        String ip = ctx.ipKeyword();
        String addr = ctx.addrType();
        String svcKey = addr + " . inet_proto . inet_service";
        Fragment.Builder b = new Fragment.Builder();

        b.chain(FILTER_PREROUTING, base("filter", "prerouting", -110, List.of("ct state new jump " + FIREWALL_CHECK)));
        b.chain(FILTER_INPUT, base("filter", "input", -110, List.of(
                "ct state new jump " + NODEPORT_ENDPOINTS_CHECK,
                "ct state new jump " + SERVICE_ENDPOINTS_CHECK)));
        b.chain(FILTER_FORWARD, base("filter", "forward", -110, List.of(
                "ct state new jump " + SERVICE_ENDPOINTS_CHECK,
                "ct state new jump " + CLUSTER_IPS_CHECK)));
        b.chain(FILTER_OUTPUT, base("filter", "output", -110, List.of(
                "ct state new jump " + SERVICE_ENDPOINTS_CHECK,
                "ct state new jump " + FIREWALL_CHECK)));
        b.chain(FILTER_OUTPUT_POST_DNAT, base("filter", "output", -90, List.of("ct state new jump " + CLUSTER_IPS_CHECK)));
        b.chain(NAT_PREROUTING, base("nat", "prerouting", -100, List.of("jump " + SERVICES)));
        b.chain(NAT_OUTPUT, base("nat", "output", -100, List.of("jump " + SERVICES)));
        b.chain(NAT_POSTROUTING, base("nat", "postrouting", 100, List.of("jump " + MASQUERADING)));

        b.chain(SERVICES, ChainDef.regular(servicesRules(ctx)));
        b.chain(SERVICE_ENDPOINTS_CHECK, ChainDef.regular(List.of(
                ip + " daddr . meta l4proto . th dport vmap @" + NO_ENDPOINT_SERVICES)));
        b.chain(NODEPORT_ENDPOINTS_CHECK, ChainDef.regular(List.of(
                ip + " daddr @" + NODEPORT_IPS + " meta l4proto . th dport vmap @" + NO_ENDPOINT_NODEPORTS)));
        b.chain(FIREWALL_CHECK, ChainDef.regular(List.of(
                ip + " daddr . meta l4proto . th dport vmap @" + FIREWALL_IPS)));
        b.chain(CLUSTER_IPS_CHECK, ChainDef.regular(clusterIpsCheck(ctx)));
        b.chain(REJECT_CHAIN, ChainDef.regular(List.of("reject")));
        b.chain(MARK_FOR_MASQUERADE, ChainDef.regular(List.of("mark set mark or " + MASQ_MARK)));
        b.chain(MASQUERADING, ChainDef.regular(List.of(
                // Hairpin: a pod that reached itself through a service must see the reply come from elsewhere.
                "ct status dnat " + ip + " saddr . " + ip + " daddr @" + HAIRPIN + " masquerade fully-random",
                "mark and " + MASQ_MARK + " == 0 return",
                "mark set mark xor " + MASQ_MARK,
                "masquerade fully-random")));

        b.set(SERVICE_IPS, new SetDef(svcKey, "verdict", null, 0));
        b.set(SERVICE_NODEPORTS, new SetDef("inet_proto . inet_service", "verdict", null, 0));
        b.set(NO_ENDPOINT_SERVICES, new SetDef(svcKey, "verdict", null, 0));
        b.set(NO_ENDPOINT_NODEPORTS, new SetDef("inet_proto . inet_service", "verdict", null, 0));
        b.set(FIREWALL_IPS, new SetDef(svcKey, "verdict", null, 0));
        b.set(CLUSTER_IPS, new SetDef(addr, null, null, 0));
        b.set(EXTERNAL_MASQUERADE, new SetDef(svcKey, null, null, 0));
        b.set(NODEPORT_MASQUERADE, new SetDef("inet_proto . inet_service", null, null, 0));
        b.set(HAIRPIN, new SetDef(addr + " . " + addr, null, null, 0));
        b.set(NODEPORT_IPS, new SetDef(addr, null, null, 0));
        for (Ip nodeIp : ctx.nodePortIps()) {
            b.element(NODEPORT_IPS, nodeIp.toString(), "");
        }
        return b.build();
    }

    /**
     * Masquerade decisions first (ClusterIP traffic from outside the cluster CIDR, or all of it with
     * --masquerade-all; external traffic of eTP=Cluster frontends), then dispatch by frontend.
     */
    private static List<String> servicesRules(NodeContext ctx) {
        String ip = ctx.ipKeyword();
        List<String> rules = new java.util.ArrayList<>();
        if (ctx.masqueradeAll()) {
            rules.add(ip + " daddr @" + CLUSTER_IPS + " jump " + MARK_FOR_MASQUERADE);
        } else if (!ctx.clusterCidrs().isEmpty()) {
            rules.add(ip + " daddr @" + CLUSTER_IPS + " " + ip + " saddr != "
                    + ServiceCompiler.cidrSet(ctx.clusterCidrs()) + " jump " + MARK_FOR_MASQUERADE);
        }
        rules.add(ip + " daddr . meta l4proto . th dport @" + EXTERNAL_MASQUERADE + " jump " + MARK_FOR_MASQUERADE);
        rules.add(ip + " daddr @" + NODEPORT_IPS + " meta l4proto . th dport @" + NODEPORT_MASQUERADE
                + " jump " + MARK_FOR_MASQUERADE);
        rules.add(ip + " daddr . meta l4proto . th dport vmap @" + SERVICE_IPS);
        rules.add(ip + " daddr @" + NODEPORT_IPS + " meta l4proto . th dport vmap @" + SERVICE_NODEPORTS);
        return rules;
    }

    /**
     * A live ClusterIP on a port no service defines is rejected (the client learns at once); an address in a
     * service CIDR that no service holds is dropped, as kube-proxy does.
     */
    private static List<String> clusterIpsCheck(NodeContext ctx) {
        String ip = ctx.ipKeyword();
        List<String> rules = new java.util.ArrayList<>();
        rules.add(ip + " daddr @" + CLUSTER_IPS + " reject");
        if (!ctx.serviceCidrs().isEmpty()) {
            String cidrs = ctx.serviceCidrs().stream().map(Cidr::toString).collect(Collectors.joining(", "));
            rules.add(ip + " daddr { " + cidrs + " } drop");
        }
        return rules;
    }

    private static ChainDef base(String type, String hook, int priority, List<String> rules) {
        return new ChainDef(type, hook, priority, rules);
    }
}
