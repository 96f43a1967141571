package dev.junction.model;

/** An IP address family. */
public enum IpFamily {
    V4, V6;

    /** The Kubernetes spelling ({@code IPv4}, {@code IPv6}) used by ipFamilies and EndpointSlice addressType. */
    public String kubeName() {
        return this == V4 ? "IPv4" : "IPv6";
    }
}
