package dev.junction.router.plan;

import dev.junction.bgp.wire.Prefix;
import dev.junction.model.Endpoint;
import dev.junction.model.EndpointSlice;
import dev.junction.model.Ip;
import dev.junction.model.Service;
import dev.junction.model.ServiceState;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The service VIPs this node announces to external peers (kube-router's {@code --advertise-cluster-ip},
 * {@code --advertise-external-ip}, {@code --advertise-loadbalancer-ip}, each overridden per service by its
 * {@code kube-router.io/service.advertise.*} annotation). A VIP whose traffic policy is Local (internal for the
 * ClusterIP, external for externalIPs and load-balancer IPs) is announced only by nodes with a ready local
 * endpoint: a router that sent the traffic to another node would have it dropped there.
 */
public final class ServiceVips {
    private ServiceVips() {
    }

    public static Set<Prefix> compute(Collection<ServiceState> services, String nodeName, RouterFlags flags) {
        Set<Prefix> out = new TreeSet<>(Prefix.ORDER);
        for (ServiceState state : services) {
            Service s = state.service();
            if (s == null) continue;
            boolean local = hasLocalReadyEndpoint(state.slices(), nodeName);
            Service.Advertise a = s.advertise();
            if (a.clusterIp().orElse(flags.advertiseClusterIp()) && (!s.internalPolicyLocal() || local)) add(out, s.clusterIps());
            boolean externalOk = !s.externalPolicyLocal() || local;
            if (a.externalIp().orElse(flags.advertiseExternalIp()) && externalOk) add(out, s.externalIps());
            if (a.loadBalancerIp().orElse(flags.advertiseLoadBalancerIp()) && externalOk) add(out, s.loadBalancerIps());
        }
        return out;
    }

    private static boolean hasLocalReadyEndpoint(Collection<EndpointSlice> slices, String nodeName) {
        for (EndpointSlice slice : slices) {
            for (Endpoint e : slice.endpoints()) if (e.ready() && nodeName.equals(e.nodeName())) return true;
        }
        return false;
    }

    private static void add(Set<Prefix> out, Collection<Ip> ips) {
        for (Ip ip : ips) out.add(Addresses.hostPrefix(Addresses.inet(ip)));
    }
}
