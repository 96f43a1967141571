package dev.junction.proxy.compile;

import static dev.junction.proxy.compile.Names.*;

import dev.junction.model.Cidr;
import dev.junction.model.Endpoint;
import dev.junction.model.EndpointPort;
import dev.junction.model.EndpointSlice;
import dev.junction.model.Ip;
import dev.junction.model.Service;
import dev.junction.model.ServicePort;
import dev.junction.model.ServiceState;
import dev.junction.proxy.compile.EndpointCategorizer.Categorized;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import dev.junction.nft.desired.ChainDef;
import dev.junction.nft.desired.Fragment;
import dev.junction.nft.desired.SetDef;

/**
 * Compiles one service into its {@link Fragment}, for one address family: a pure function of the service, its
 * EndpointSlices and the node context, so a change to one service recompiles only that service.
 *
 * <p>A frontend is an (address, protocol, port) a client connects to: each ClusterIP, external IP and
 * load-balancer IP, and the node port on each node-port address. Per frontend the fragment holds:
 * <ul>
 *   <li>a dispatch element in {@code service-ips} / {@code service-nodeports} naming the chain that picks an
 *       endpoint — or, without endpoints, an element in {@code no-endpoint-*} that rejects (no endpoint at all)
 *       or drops (a Local policy with no endpoint on this node), as kube-proxy does;
 *   <li>its endpoints as elements of a shared {@code backends-<proto>-<n>} map, picked by the shared
 *       {@code select-<proto>-<n>} chain ({@link Names#selectChain}); see {@link Targets};
 *   <li>membership of {@code external-masquerade} / {@code nodeport-masquerade} when external traffic is
 *       masqueraded (externalTrafficPolicy Cluster);
 *   <li>for externalTrafficPolicy Local, an {@code external-*} chain that sends in-cluster clients to the
 *       cluster endpoints (even when none is local) and everyone else, with their source address kept, to this
 *       node's endpoints (dropped when there are none);
 *   <li>for loadBalancerSourceRanges, a {@code firewall-*} chain dropping other sources.
 * </ul>
 * ClusterIP masquerading and hairpin are decided once, in the skeleton, from shared sets.
 */
public final class ServiceCompiler {
    private ServiceCompiler() {}

    public static Fragment compile(ServiceState state, NodeContext ctx) {
        Service svc = state.service();
        if (svc == null || ofFamily(svc.clusterIps(), ctx).isEmpty()) {
            // Gone, or not of this family (a single-stack service of the other one): nothing here, not even
            // its node ports, as kube-proxy's per-family proxiers.
            return Fragment.EMPTY;
        }
        Fragment.Builder b = new Fragment.Builder();
        for (ServicePort port : svc.ports()) {
            compilePort(svc, port, targets(state.slices(), port, ctx), ctx, b);
        }
        return b.build();
    }

    /** The endpoints of one service port in this family: slices' ports of the same name and protocol. */
    static List<Target> targets(List<EndpointSlice> slices, ServicePort port, NodeContext ctx) {
        List<Target> out = new ArrayList<>();
        for (EndpointSlice slice : slices) {
            if (slice.family() != ctx.family()) {
                continue;
            }
            for (EndpointPort ep : slice.ports()) {
                if (ep.name().equals(port.name()) && ep.protocol() == port.protocol()) {
                    for (Endpoint e : slice.endpoints()) {
                        out.add(new Target(e.ip(), ep.port(), e));
                    }
                }
            }
        }
        return out;
    }

    private static void compilePort(Service svc, ServicePort port, List<Target> all, NodeContext ctx, Fragment.Builder b) {
        Categorized cat = EndpointCategorizer.categorize(all, svc, ctx.nodeName(), ctx.zone());
        String proto = port.protocol().nftName();
        String key = svc.key().namespace() + "/" + svc.key().name() + "/" + proto + "/"
                + (port.name().isEmpty() ? Integer.toString(port.port()) : port.name());
        Targets targets = new Targets(svc, key, proto, ctx, b);
        List<Target> internal = svc.internalPolicyLocal() ? cat.local() : cat.cluster();
        List<Target> external = svc.externalPolicyLocal() ? cat.local() : cat.cluster();

        for (Ip cip : ofFamily(svc.clusterIps(), ctx)) {
            b.element(CLUSTER_IPS, cip.toString(), "");
            String fk = cip + " . " + proto + " . " + port.port();
            if (internal.isEmpty()) {
                noEndpoints(b, NO_ENDPOINT_SERVICES, fk, cat, svc.internalPolicyLocal());
            } else {
                // The Local variant for iTP=Local: with affinity the chain is per service port, and the
                // external frontends' cluster chain must not be this one.
                String chain = targets.route(cip + " . " + port.port(), internal, svc.internalPolicyLocal());
                b.element(SERVICE_IPS, fk, "goto " + chain);
            }
        }
        if (!svc.externallyAccessible()) {
            return;
        }
        String externalChain = hashed(EXTERNAL_PREFIX, key);
        boolean local = svc.externalPolicyLocal();
        List<String> frontendAddrs = new ArrayList<>();
        for (Ip ip : ofFamily(svc.externalIps(), ctx)) {
            frontendAddrs.add(ip.toString());
        }
        List<Ip> lbIps = ofFamily(svc.loadBalancerIps(), ctx);
        lbIps.forEach(ip -> frontendAddrs.add(ip.toString()));
        List<String> nodePortKeys = new ArrayList<>();
        if (port.nodePort() != 0) {
            ctx.nodePortIps().forEach(ip -> nodePortKeys.add(ip + " . " + port.nodePort()));
        }
        List<String> mapKeys = new ArrayList<>();
        frontendAddrs.stream().distinct().forEach(a -> mapKeys.add(a + " . " + port.port()));
        mapKeys.addAll(nodePortKeys);

        // Where each external frontend goes: straight to the endpoint pick (eTP=Cluster), or through the
        // external chain that applies the Local policy.
        String verdict = null;
        if (!local && !external.isEmpty()) {
            String chain = null;
            for (String mk : mapKeys) {
                chain = targets.route(mk, external, false);
            }
            verdict = chain == null ? null : "goto " + chain;
        } else if (local && !cat.cluster().isEmpty()) {
            // As kube-proxy, the external chain exists whenever the service has endpoints at all: in-cluster
            // clients short-circuit to the cluster endpoints even when none is local. Without local endpoints
            // the rest falls through, not DNATed, to the no-endpoint drop below.
            List<String> rules = new ArrayList<>();
            String clusterChain = null;
            String localChain = null;
            for (String mk : mapKeys) {
                clusterChain = targets.route(mk, cat.cluster(), false);
                if (!cat.local().isEmpty()) {
                    localChain = targets.route(mk, cat.local(), true);
                }
            }
            if (clusterChain != null) {
                String ip = ctx.ipKeyword();
                if (!ctx.clusterCidrs().isEmpty()) {
                    rules.add(ip + " saddr " + cidrSet(ctx.clusterCidrs()) + " goto " + clusterChain);
                }
                rules.add("fib saddr type local jump " + MARK_FOR_MASQUERADE);
                rules.add("fib saddr type local goto " + clusterChain);
                if (localChain != null) {
                    rules.add("goto " + localChain);
                }
                b.chain(externalChain, ChainDef.regular(rules));
                verdict = "goto " + externalChain;
            }
        }
        for (String addr : frontendAddrs.stream().distinct().toList()) {
            String fk = addr + " . " + proto + " . " + port.port();
            if (verdict != null) {
                b.element(SERVICE_IPS, fk, verdict);
                if (!local) {
                    b.element(EXTERNAL_MASQUERADE, fk, "");
                }
            }
            if (verdict == null || external.isEmpty()) {
                noEndpoints(b, NO_ENDPOINT_SERVICES, fk, cat, local);
            }
        }
        if (port.nodePort() != 0) {
            String nk = proto + " . " + port.nodePort();
            if (verdict != null) {
                b.element(SERVICE_NODEPORTS, nk, verdict);
                if (!local) {
                    b.element(NODEPORT_MASQUERADE, nk, "");
                }
            }
            if (verdict == null || external.isEmpty()) {
                noEndpoints(b, NO_ENDPOINT_NODEPORTS, nk, cat, local);
            }
        }
        firewall(svc, port, key, proto, lbIps, ctx, b);
    }

    /** No endpoint to send to: reject if the service has none anywhere, drop if only a Local policy found none. */
    private static void noEndpoints(Fragment.Builder b, String map, String key, Categorized cat, boolean localPolicy) {
        b.element(map, key, cat.hasAny() && localPolicy ? "drop" : "goto " + REJECT_CHAIN);
    }

    /**
     * loadBalancerSourceRanges: traffic to a load-balancer IP from other sources is dropped. Ranges of only the
     * other family let nothing of this family through. (Never applied to node ports, as upstream.)
     */
    private static void firewall(Service svc, ServicePort port, String key, String proto, List<Ip> lbIps,
            NodeContext ctx, Fragment.Builder b) {
        if (lbIps.isEmpty() || svc.loadBalancerSourceRanges().isEmpty()) {
            return;
        }
        List<Cidr> ranges = svc.loadBalancerSourceRanges().stream().filter(c -> c.family() == ctx.family()).toList();
        String chain = hashed(FIREWALL_PREFIX, key);
        String rule = ranges.isEmpty() ? "drop"
                : ctx.ipKeyword() + " saddr != " + cidrSet(ranges) + " drop";
        b.chain(chain, ChainDef.regular(List.of(rule)));
        for (Ip lb : lbIps) {
            b.element(FIREWALL_IPS, lb + " . " + proto + " . " + port.port(), "goto " + chain);
        }
    }

    static List<Ip> ofFamily(List<Ip> ips, NodeContext ctx) {
        return ips.stream().filter(i -> i.family() == ctx.family()).toList();
    }

    static String cidrSet(List<Cidr> cidrs) {
        return cidrs.size() == 1 ? cidrs.get(0).toString()
                : "{ " + cidrs.stream().map(Cidr::toString).collect(Collectors.joining(", ")) + " }";
    }
}
