package dev.junction.router.plan;

import dev.junction.model.Cidr;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One of this node's addresses with its subnet and device, as {@code ip -br addr} shows {@code eth0 10.0.0.5/24}:
 * a next hop inside the subnet is one hop away on {@code device}; the address itself is ours.
 */
public record LocalSubnet(InetAddress address, int prefixLength, String device) {
    public LocalSubnet {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device");
        int bits = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) throw new IllegalArgumentException("prefix length " + prefixLength + " for " + address);
    }

    public Cidr subnet() {
        return new Cidr(Addresses.ip(address), prefixLength);
    }

    public boolean contains(InetAddress a) {
        return subnet().contains(Addresses.ip(a));
    }
}
