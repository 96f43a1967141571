package dev.junction.agent.bench;

import dev.junction.bgp.wire.Prefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who is who in {@code bench routing}: node 0 is the real agent, nodes 1..R the route reflectors (rr topology), the
 * others simulated clients; nodes N.. are the ones that join later. Node {@code i} has the address
 * {@code 172.20.0.0 + i + 1} on one /16 (so every pod route is a direct one) and the pod CIDR {@code 10.<i/256>.<i%256>.0/24}.
 */
final class RoutingLayout {
    static final long ASN = 64512;
    static final int SUBNET_LENGTH = 16;
    /** The rr.server / rr.client annotation value and the reflectors' CLUSTER_ID. */
    static final String CLUSTER_ID = "10.255.0.1";
    static final int MAX_NODES = 65_000;

    private RoutingLayout() {}

    static String name(int i) {
        return "node-" + i;
    }

    static String ip(int i) {
        int v = 0xAC140000 + i + 1;
        return (v >>> 24 & 255) + "." + (v >>> 16 & 255) + "." + (v >>> 8 & 255) + "." + (v & 255);
    }

    static Inet4Address inet(int i) {
        try {
            return (Inet4Address) InetAddress.getByName(ip(i));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String podCidr(int i) {
        return "10." + (i >> 8) + "." + (i & 255) + ".0/24";
    }

    static Prefix podPrefix(int i) {
        return Prefix.parse(podCidr(i));
    }

    /** The node whose pod CIDR {@code cidr} is ("10.a.b.0/24"), or -1. */
    static int nodeOf(String cidr) {
        String[] p = cidr.split("[./]");
        if (p.length != 5 || !p[0].equals("10") || !p[3].equals("0") || !p[4].equals("24")) return -1;
        return Integer.parseInt(p[1]) * 256 + Integer.parseInt(p[2]);
    }
}
