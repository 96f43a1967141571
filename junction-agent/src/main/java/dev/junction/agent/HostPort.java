package dev.junction.agent;

import java.net.InetSocketAddress;

/** {@code HOST:PORT} flag values ({@code [::1]:50052} for IPv6; an empty host is every address). */
public final class HostPort {
    private HostPort() {
    }

    public static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected HOST:PORT, got " + hostPort);
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
