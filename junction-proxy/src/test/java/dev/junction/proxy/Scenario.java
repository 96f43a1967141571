// IP plan (all proxy tests): pods 10.244.0.0/16 (node-a 10.244.1.x, node-b 10.244.2.x, node-c 10.244.3.x),
// ClusterIPs 10.96.0.0/12, this node node-a (zone-a) at 192.168.0.2, external clients and LB IPs 203.0.113.0/24.
// IPv6: pods fd00:10:244::/56, ClusterIPs fd00:10:96::/108, node fd00:192:168::2, external 2001:db8::/32.
package dev.junction.proxy;

import dev.junction.model.Changes;
import dev.junction.model.Cidr;
import dev.junction.model.Endpoint;
import dev.junction.model.EndpointPort;
import dev.junction.model.EndpointSlice;
import dev.junction.model.Ip;
import dev.junction.model.IpFamily;
import dev.junction.model.Protocol;
import dev.junction.model.Service;
import dev.junction.model.ServiceKey;
import dev.junction.model.ServicePort;
import dev.junction.model.ServiceState;
import dev.junction.proxy.compile.NodeContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** The services of the proxy tests, built from small readable pieces. */
final class Scenario {
    static final String NODE = "node-a";
    static final String NODE_B = "node-b";
    static final String NODE_C = "node-c";
    static final String NODE_IP = "192.168.0.2";
    static final String NODE_IP6 = "fd00:192:168::2";

    private Scenario() {}

    static NodeContext context(IpFamily family) {
        return new NodeContext(family, NODE, "zone-a", ips(NODE_IP, NODE_IP6),
                List.of(Cidr.of("10.96.0.0/12"), Cidr.of("fd00:10:96::/108")),
                List.of(Cidr.of("10.244.0.0/16"), Cidr.of("fd00:10:244::/56")), false);
    }

    /** The golden scenario: every feature the compiler has, on a few services. */
    static SortedMap<ServiceKey, ServiceState> golden() {
        return states(goldenServices());
    }

    /** A fresh builder of one golden service (namespace default), to derive a changed version from. */
    static Svc golden(String name) {
        return goldenServices().stream().filter(s -> s.key.equals(key(name))).findFirst().orElseThrow();
    }

    private static List<Svc> goldenServices() {
        return List.of(
                // ClusterIP with several endpoints: 3 ready, one not ready, one terminating (never used here).
                svc("web").clusterIp("10.96.0.10").tcp("http", 80, 0, 8080).endpoints(
                        ready("10.244.1.10", NODE), ready("10.244.2.10", NODE_B), ready("10.244.2.11", NODE_B),
                        notReady("10.244.3.10", NODE_C), terminating("10.244.2.12", NODE_B)),
                // A UDP and a TCP port of the same number.
                svc("dns", "kube-system").clusterIp("10.96.0.53").udp("dns", 53, 53).tcp("dns-tcp", 53, 0, 53)
                        .endpoints(ready("10.244.1.53", NODE), ready("10.244.2.53", NODE_B)),
                // NodePort and externalIP, eTP=Cluster.
                svc("shop").clusterIp("10.96.0.30").externalIp("203.0.113.30").tcp("http", 80, 30080, 8080)
                        .endpoints(ready("10.244.2.30", NODE_B), ready("10.244.3.30", NODE_C)),
                // LoadBalancer with source ranges, eTP=Cluster.
                svc("api").clusterIp("10.96.0.40").lbIp("203.0.113.40").ranges("203.0.113.128/25", "10.244.0.0/16")
                        .tcp("https", 443, 30443, 8443)
                        .endpoints(ready("10.244.1.40", NODE), ready("10.244.2.40", NODE_B)),
                // LoadBalancer eTP=Local with a local endpoint.
                svc("edge").clusterIp("10.96.0.50").lbIp("203.0.113.50").etpLocal().tcp("http", 80, 30050, 8080)
                        .endpoints(ready("10.244.1.50", NODE), ready("10.244.2.50", NODE_B), ready("10.244.2.51", NODE_B)),
                // NodePort eTP=Local without a local endpoint.
                svc("remote").clusterIp("10.96.0.55").etpLocal().tcp("http", 80, 30055, 8080)
                        .endpoints(ready("10.244.2.55", NODE_B)),
                // iTP=Local with and without a local endpoint.
                svc("node-cache").clusterIp("10.96.0.60").itpLocal().tcp("http", 80, 0, 8080)
                        .endpoints(ready("10.244.1.60", NODE), ready("10.244.2.60", NODE_B)),
                svc("node-cache-elsewhere").clusterIp("10.96.0.61").itpLocal().tcp("http", 80, 0, 8080)
                        .endpoints(ready("10.244.2.61", NODE_B)),
                // ClientIP affinity; and affinity with iTP=Local on a NodePort service.
                svc("sticky").clusterIp("10.96.0.70").affinity(10800).tcp("http", 80, 0, 8080)
                        .endpoints(ready("10.244.1.70", NODE), ready("10.244.2.70", NODE_B)),
                svc("sticky-local").clusterIp("10.96.0.71").affinity(600).itpLocal().tcp("http", 80, 30071, 8080)
                        .endpoints(ready("10.244.1.71", NODE), ready("10.244.2.71", NODE_B)),
                // Only terminating endpoints: the serving one is used, the other never.
                svc("draining").clusterIp("10.96.0.80").tcp("http", 80, 0, 8080)
                        .endpoints(terminating("10.244.2.80", NODE_B), terminatingNotServing("10.244.3.80", NODE_C)),
                // No endpoints at all.
                svc("empty").clusterIp("10.96.0.90").tcp("http", 80, 0, 8080),
                // Topology hints (PreferClose): all hinted, and one without hints.
                svc("zonal").clusterIp("10.96.0.100").topology(Service.Topology.SAME_ZONE).tcp("http", 80, 0, 8080)
                        .endpoints(hinted(ready("10.244.1.100", NODE), "zone-a"),
                                hinted(ready("10.244.2.100", NODE_B), "zone-b"),
                                hinted(ready("10.244.3.100", NODE_C), "zone-a")),
                svc("zonal-partial").clusterIp("10.96.0.101").topology(Service.Topology.SAME_ZONE)
                        .tcp("http", 80, 0, 8080)
                        .endpoints(hinted(ready("10.244.1.101", NODE), "zone-a"), ready("10.244.2.101", NODE_B)),
                // Dual stack, with a node port.
                svc("dual").clusterIp("10.96.0.110").clusterIp("fd00:10:96::110").tcp("http", 80, 30110, 8080)
                        .endpoints(ready("10.244.1.110", NODE), ready("10.244.2.110", NODE_B),
                                ready("fd00:10:244:1::110", NODE), ready("fd00:10:244:2::110", NODE_B)));
    }

    static SortedMap<ServiceKey, ServiceState> states(Collection<Svc> svcs) {
        SortedMap<ServiceKey, ServiceState> out = new TreeMap<>();
        svcs.forEach(s -> out.put(s.key, s.state()));
        return out;
    }

    static SortedMap<ServiceKey, ServiceState> of(ServiceState... states) {
        SortedMap<ServiceKey, ServiceState> out = new TreeMap<>();
        for (ServiceState s : states) {
            out.put(s.key(), s);
        }
        return out;
    }

    static Changes changes(Map<ServiceKey, ServiceState> services) {
        return new Changes(services, Map.of(), false, Optional.empty());
    }

    static ServiceKey key(String name) {
        return new ServiceKey("default", name);
    }

    static Svc svc(String name) {
        return svc(name, "default");
    }

    static Svc svc(String name, String namespace) {
        return new Svc(new ServiceKey(namespace, name));
    }

    static Endpoint ready(String ip, String node) {
        return new Endpoint(Ip.of(ip), true, true, false, node, zoneOf(node), Set.of(), Set.of());
    }

    static Endpoint notReady(String ip, String node) {
        return new Endpoint(Ip.of(ip), false, false, false, node, zoneOf(node), Set.of(), Set.of());
    }

    /** Terminating and still serving: a fallback target. */
    static Endpoint terminating(String ip, String node) {
        return new Endpoint(Ip.of(ip), false, true, true, node, zoneOf(node), Set.of(), Set.of());
    }

    static Endpoint terminatingNotServing(String ip, String node) {
        return new Endpoint(Ip.of(ip), false, false, true, node, zoneOf(node), Set.of(), Set.of());
    }

    static Endpoint hinted(Endpoint e, String... zones) {
        return new Endpoint(e.ip(), e.ready(), e.serving(), e.terminating(), e.nodeName(), e.zone(),
                Set.of(zones), e.nodeHints());
    }

    private static String zoneOf(String node) {
        return node.equals(NODE_B) ? "zone-b" : "zone-a";
    }

    private static List<Ip> ips(String... ips) {
        return Arrays.stream(ips).map(Ip::of).toList();
    }

    /** A service under construction; ports are (name, protocol, port, nodePort, targetPort). */
    static final class Svc {
        final ServiceKey key;
        private final List<ServicePort> ports = new ArrayList<>();
        private final List<EndpointPort> targetPorts = new ArrayList<>();
        private final List<Ip> clusterIps = new ArrayList<>();
        private final List<Ip> externalIps = new ArrayList<>();
        private final List<Ip> lbIps = new ArrayList<>();
        private final List<Cidr> ranges = new ArrayList<>();
        private final List<Endpoint> endpoints = new ArrayList<>();
        private int affinity;
        private boolean etpLocal;
        private boolean itpLocal;
        private Service.Topology topology = Service.Topology.NONE;

        Svc(ServiceKey key) {
            this.key = key;
        }

        Svc clusterIp(String ip) { clusterIps.add(Ip.of(ip)); return this; }
        Svc externalIp(String ip) { externalIps.add(Ip.of(ip)); return this; }
        Svc lbIp(String ip) { lbIps.add(Ip.of(ip)); return this; }
        Svc ranges(String... cidrs) { Arrays.stream(cidrs).map(Cidr::of).forEach(ranges::add); return this; }
        Svc affinity(int seconds) { affinity = seconds; return this; }
        Svc etpLocal() { etpLocal = true; return this; }
        Svc itpLocal() { itpLocal = true; return this; }
        Svc topology(Service.Topology t) { topology = t; return this; }

        Svc tcp(String name, int port, int nodePort, int targetPort) {
            return port(name, Protocol.TCP, port, nodePort, targetPort);
        }

        Svc udp(String name, int port, int targetPort) {
            return port(name, Protocol.UDP, port, 0, targetPort);
        }

        Svc port(String name, Protocol p, int port, int nodePort, int targetPort) {
            ports.add(new ServicePort(name, p, port, nodePort));
            targetPorts.add(new EndpointPort(name, p, targetPort));
            return this;
        }

        /** Moves the first port to another node port. */
        Svc nodePort(int nodePort) {
            ServicePort p = ports.get(0);
            ports.set(0, new ServicePort(p.name(), p.protocol(), p.port(), nodePort));
            return this;
        }

        Svc endpoints(Endpoint... eps) {
            endpoints.clear();
            endpoints.addAll(List.of(eps));
            return this;
        }

        ServiceState state() {
            Service s = new Service(key, ports, clusterIps, externalIps, lbIps, ranges, affinity, etpLocal, itpLocal,
                    etpLocal && !lbIps.isEmpty() ? 32000 : 0, topology);
            List<EndpointSlice> slices = new ArrayList<>();
            for (IpFamily f : IpFamily.values()) {
                List<Endpoint> eps = endpoints.stream().filter(e -> e.ip().family() == f).toList();
                if (!eps.isEmpty()) {
                    slices.add(new EndpointSlice(key, key.name() + "-" + f.name().toLowerCase(), f, targetPorts, eps));
                }
            }
            return new ServiceState(key, s, slices);
        }
    }
}
