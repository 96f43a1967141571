package dev.junction.kube;

import static dev.junction.kube.Fields.blank;
import static dev.junction.kube.Fields.list;
import static dev.junction.kube.Fields.quote;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The externally reachable addresses of a service: externalIPs (policy-checked, bad ones dropped with a
 * warning), load-balancer ingress IPs and source ranges (invalid ones reject the service: the API server would
 * not have admitted them).
 */
record ServiceAddresses(List<Ip> externalIps, List<Ip> loadBalancerIps, List<Cidr> sourceRanges) {

    static ServiceAddresses parse(io.fabric8.kubernetes.api.model.Service svc, boolean loadBalancer,
            ServiceConverter.Options options, List<String> warnings) {
        ServiceSpec spec = svc.getSpec();
        return new ServiceAddresses(
                externalIps(list(spec.getExternalIPs()), options, warnings),
                loadBalancer ? ingressIps(svc, options) : List.of(),
                sourceRanges(list(spec.getLoadBalancerSourceRanges())));
    }

    private static List<Ip> externalIps(List<String> raw, ServiceConverter.Options options, List<String> warnings) {
        Set<Ip> out = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String field = "spec.externalIPs[" + i + "]: ";
            Ip ip = Ip.parse(raw.get(i)).orElse(null);
            if (ip == null) {
                warnings.add(field + quote(raw.get(i)) + " is not an IP address; dropped");
            } else if (!options.enabled(ip)) {
                continue; // a disabled family is configuration, not a fault
            } else if (options.serviceClusterIpRanges().stream().anyMatch(c -> c.contains(ip))) {
                warnings.add(field + ip + " lies inside a service cluster IP range "
                        + options.serviceClusterIpRanges() + "; dropped");
            } else if (options.externalIpRanges().isEmpty()) {
                warnings.add(field + ip + " is not allowed: no --service-external-ip-range is configured; dropped");
            } else if (options.externalIpRanges().stream().noneMatch(c -> c.contains(ip))) {
                warnings.add(field + ip + " is outside every --service-external-ip-range "
                        + options.externalIpRanges() + "; dropped");
            } else {
                out.add(ip);
            }
        }
        return List.copyOf(out);
    }

    /**
     * status.loadBalancer.ingress: entries with {@code ipMode: Proxy} are the load balancer's own address (the
     * LB proxies to node ports, KEP-1860) and hostname-only entries (AWS ELB) have no IP to capture: both are
     * skipped. Only services of type LoadBalancer use their ingress, so a stale status left on a service that
     * changed type opens no path.
     */
    private static List<Ip> ingressIps(io.fabric8.kubernetes.api.model.Service svc, ServiceConverter.Options options) {
        if (svc.getStatus() == null || svc.getStatus().getLoadBalancer() == null) {
            return List.of();
        }
        List<LoadBalancerIngress> ingress = list(svc.getStatus().getLoadBalancer().getIngress());
        Set<Ip> out = new LinkedHashSet<>();
        for (int i = 0; i < ingress.size(); i++) {
            String field = "status.loadBalancer.ingress[" + i + "]";
            LoadBalancerIngress in = ingress.get(i);
            if (in == null || blank(in.getIp())) {
                continue;
            }
            String mode = in.getIpMode();
            if (mode != null && !mode.equals("VIP") && !mode.equals("Proxy")) {
                throw new InvalidObject(field + ".ipMode: " + quote(mode) + " is not VIP or Proxy");
            }
            Ip ip = Ip.parse(in.getIp()).orElseThrow(() -> new InvalidObject(
                    field + ".ip: " + quote(in.getIp()) + " is not an IP address"));
            if (!"Proxy".equals(mode) && options.enabled(ip)) {
                out.add(ip);
            }
        }
        return List.copyOf(out);
    }

    /** The API server trims spaces and requires the A/N form; a bare address is refused as it is there. */
    private static List<Cidr> sourceRanges(List<String> raw) {
        List<Cidr> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String text = raw.get(i) == null ? "" : raw.get(i).strip();
            Cidr cidr = text.indexOf('/') < 0 ? null : Cidr.parse(text).orElse(null);
            if (cidr == null) {
                throw new InvalidObject("spec.loadBalancerSourceRanges[" + i + "]: " + quote(raw.get(i))
                        + " is not a CIDR");
            }
            out.add(cidr);
        }
        return out;
    }
}
