package dev.junction.netlink;

import java.net.InetAddress;

/**
 * An address assigned to an interface ({@code ip addr}): {@code 10.244.1.1/24} on index 7.
 *
 * @param index  the interface index
 * @param prefix the address with its prefix length (host bits kept)
 */
public record Address(int index, IpPrefix prefix) {
    public IpFamily family() {
        return prefix.family();
    }

    public InetAddress address() {
        return prefix.address();
    }

    public int prefixLength() {
        return prefix.length();
    }

    @Override
    public String toString() {
        return prefix + " dev " + index;
    }
}
