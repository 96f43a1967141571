package dev.junction.proxy.compile;

import dev.junction.model.Endpoint;
import dev.junction.model.Ip;

/** One endpoint of one service port: where a connection is DNATed to, and the endpoint's conditions. */
public record Target(Ip ip, int port, Endpoint endpoint) implements Comparable<Target> {
    @Override
    public int compareTo(Target o) {
        int c = ip.compareTo(o.ip);
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    /** {@code 10.0.0.1:80}, or {@code [fd00::1]:80}: the form nft's dnat takes. */
    public String hostPort() {
        return (ip.length() == 4 ? ip.toString() : "[" + ip + "]") + ":" + port;
    }

    public boolean isLocal(String nodeName) {
        return !nodeName.isEmpty() && nodeName.equals(endpoint.nodeName());
    }
}
