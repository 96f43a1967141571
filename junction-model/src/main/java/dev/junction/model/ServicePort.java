package dev.junction.model;

/**
 * One port of a Service.
 *
 * @param name the port's name; may be empty when the Service has a single port
 * @param protocol TCP, UDP or SCTP
 * @param port the port on ClusterIPs, externalIPs and load-balancer IPs
 * @param nodePort the port on the node's addresses, or 0 for none
 */
public record ServicePort(String name, Protocol protocol, int port, int nodePort) {
    public ServicePort {
        name = name == null ? "" : name;
    }
}
