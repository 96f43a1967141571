package dev.junction.router.plan;

import dev.junction.bgp.wire.Prefix;
import dev.junction.model.Endpoint;
import dev.junction.model.EndpointSlice;
import dev.junction.model.Ip;
import dev.junction.model.IpFamily;
import dev.junction.model.Service;
import dev.junction.model.ServiceKey;
import dev.junction.model.ServiceState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Which service VIPs a node announces: flags, per-service overrides, and Local traffic policies. */
@Tag("unit")
class ServiceVipsTest {
    private static Ip ip(String s) {
        return Ip.parse(s).orElseThrow();
    }

    private static ServiceState svc(String name, String clusterIp, String externalIp, boolean itpLocal, boolean etpLocal,
                                    Service.Advertise advertise, String... endpointNodes) {
        ServiceKey key = new ServiceKey("default", name);
        Service s = new Service(key, List.of(), List.of(ip(clusterIp)), externalIp == null ? List.of() : List.of(ip(externalIp)),
                List.of(), List.of(), 0, etpLocal, itpLocal, 0, Service.Topology.NONE, advertise);
        List<Endpoint> eps = new java.util.ArrayList<>();
        int i = 1;
        for (String node : endpointNodes) {
            eps.add(new Endpoint(ip("10.244.9." + i++), true, true, false, node, "", Set.of(), Set.of()));
        }
        return new ServiceState(key, s, List.of(new EndpointSlice(key, name + "-x", IpFamily.V4, List.of(), eps)));
    }

    private static Set<String> vips(List<ServiceState> states, String node, RouterFlags flags) {
        return ServiceVips.compute(states, node, flags).stream().map(Prefix::toString).collect(Collectors.toSet());
    }

    @Test
    void flagsOverridesAndLocalPolicies() {
        Service.Advertise yes = new Service.Advertise(Optional.of(true), Optional.of(true), Optional.empty());
        Service.Advertise no = new Service.Advertise(Optional.of(false), Optional.empty(), Optional.empty());
        List<ServiceState> states = List.of(
                svc("plain", "10.96.0.10", "203.0.113.10", false, false, Service.Advertise.FLAGS, "node2"),
                svc("itp-local", "10.96.0.11", null, true, false, Service.Advertise.FLAGS, "node2"),
                svc("never", "10.96.0.12", null, false, false, no, "node1"),
                svc("always", "10.96.0.13", "203.0.113.13", false, true, yes, "node1"));
        RouterFlags off = RouterFlags.defaults();
        RouterFlags clusterIps = RouterFlags.builder().advertiseClusterIp(true).build();
        RouterFlags both = RouterFlags.builder().advertiseClusterIp(true).advertiseExternalIp(true).build();

        assertThat(vips(states, "node1", off)).as("flags off: only the service that asks").containsExactlyInAnyOrder("10.96.0.13/32", "203.0.113.13/32");
        assertThat(vips(states, "node2", off)).as("eTP Local without a local endpoint: no external VIP").containsExactly("10.96.0.13/32");
        assertThat(vips(states, "node1", clusterIps)).containsExactlyInAnyOrder("10.96.0.10/32", "10.96.0.13/32", "203.0.113.13/32");
        assertThat(vips(states, "node2", clusterIps)).as("iTP Local is announced only where an endpoint is")
                .containsExactlyInAnyOrder("10.96.0.10/32", "10.96.0.11/32", "10.96.0.13/32");
        assertThat(vips(states, "node3", both)).containsExactlyInAnyOrder("10.96.0.10/32", "203.0.113.10/32", "10.96.0.13/32");
    }
}
