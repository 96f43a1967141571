package dev.junction.model;

import java.util.List;

/**
 * An EndpointSlice of one service and one address family.
 *
 * @param service the owning service, from the {@code kubernetes.io/service-name} label
 * @param name the slice's own name (a service may have many slices)
 */
public record EndpointSlice(
        ServiceKey service, String name, IpFamily family, List<EndpointPort> ports, List<Endpoint> endpoints) {
    public EndpointSlice {
        ports = List.copyOf(ports);
        endpoints = List.copyOf(endpoints);
    }
}
