package dev.junction.netpol.oracle;

import java.net.Inet4Address;
import java.net.InetAddress;

/** The address family a flow uses. A dual-stack pod has one address of each; a flow uses exactly one family. */
public enum IpFamily {
    IPV4("IPv4"),
    IPV6("IPv6");

    private final String text;

    IpFamily(String text) {
        this.text = text;
    }

    /** The family of an address. */
    public static IpFamily of(InetAddress address) {
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }

    @Override
    public String toString() {
        return text;
    }
}
