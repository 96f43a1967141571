package dev.junction.kube;

import static dev.junction.kube.Fields.checkRange;
import static dev.junction.kube.Fields.quote;

import dev.junction.model.Protocol;
import dev.junction.model.ServicePort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Validates spec.ports the way the API server does; the first problem stops the conversion. */
final class ServicePorts {
    private ServicePorts() {}

    /**
     * @param nodePortsAllowed the type is NodePort or LoadBalancer; a ClusterIP service may not name a node port
     */
    static List<ServicePort> parse(List<io.fabric8.kubernetes.api.model.ServicePort> raw, boolean nodePortsAllowed) {
        if (raw.isEmpty()) {
            throw new InvalidObject("spec.ports: a service with a cluster IP needs at least one port");
        }
        List<ServicePort> ports = new ArrayList<>();
        Map<String, Integer> byPort = new HashMap<>();
        Map<String, Integer> byNodePort = new HashMap<>();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String field = "spec.ports[" + i + "]";
            io.fabric8.kubernetes.api.model.ServicePort p = raw.get(i);
            if (p == null) {
                throw new InvalidObject(field + ": is null");
            }
            String name = p.getName() == null ? "" : p.getName();
            if (name.isEmpty() && raw.size() > 1) {
                throw new InvalidObject(field + ".name: required when a service has more than one port");
            }
            if (p.getPort() == null) {
                throw new InvalidObject(field + ".port: is missing");
            }
            int port = p.getPort();
            checkRange(field + ".port", port, 1, 65535);
            Protocol protocol = Protocol.parse(p.getProtocol()).orElseThrow(() -> new InvalidObject(
                    field + ".protocol: " + quote(p.getProtocol()) + " is not TCP, UDP or SCTP"));
            int nodePort = Fields.intOr(p.getNodePort(), 0);
            checkRange(field + ".nodePort", nodePort, 0, 65535);
            if (nodePort != 0 && !nodePortsAllowed) {
                throw new InvalidObject(field + ".nodePort: " + nodePort + " is set on a service of type ClusterIP");
            }
            unique(byName, name, i, field + ".name: " + quote(name) + " is also the name of spec.ports[");
            unique(byPort, port + "/" + protocol, i, field + ": " + port + "/" + protocol + " is also spec.ports[");
            if (nodePort != 0) {
                unique(byNodePort, nodePort + "/" + protocol, i,
                        field + ".nodePort: " + nodePort + "/" + protocol + " is also the node port of spec.ports[");
            }
            ports.add(new ServicePort(name, protocol, port, nodePort));
        }
        return ports;
    }

    private static void unique(Map<String, Integer> seen, String key, int index, String reasonPrefix) {
        Integer earlier = seen.putIfAbsent(key, index);
        if (earlier != null) {
            throw new InvalidObject(reasonPrefix + earlier + "]");
        }
    }
}
