package dev.junction.model;

import java.util.List;

/**
 * Everything the proxy compiles one service from.
 *
 * @param service the service, or null once it is gone (its rules are then removed)
 * @param slices its EndpointSlices of every family, sorted by name
 */
public record ServiceState(ServiceKey key, Service service, List<EndpointSlice> slices) {
    public ServiceState {
        slices = List.copyOf(slices);
    }
}
