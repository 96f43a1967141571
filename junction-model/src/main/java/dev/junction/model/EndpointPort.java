package dev.junction.model;

/** A port of an EndpointSlice: the target port for the service port of the same name. */
public record EndpointPort(String name, Protocol protocol, int port) {
    public EndpointPort {
        name = name == null ? "" : name;
    }
}
