package dev.junction.netlink;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An address with a prefix length, such as {@code 10.244.1.0/24} or {@code 10.244.1.7/24}. Host bits are
 * kept as given: an interface address needs them, while a route destination must have none (the kernel
 * refuses IPv4 routes with host bits; {@link #network()} clears them).
 */
public record IpPrefix(InetAddress address, int length) {
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int max = IpFamily.of(address).bits();
        if (length < 0 || length > max) throw new IllegalArgumentException("prefix length " + length + " for " + address.getHostAddress());
    }

    /** Parses {@code ADDRESS/LENGTH} or a bare address (a host prefix: /32 or /128). Literals only, no DNS. */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        InetAddress a = literal(addr);
        int length = slash < 0 ? IpFamily.of(a).bits() : Integer.parseInt(text.substring(slash + 1));
        return new IpPrefix(a, length);
    }

    /** A host address literal (no DNS lookup). */
    static InetAddress literal(String addr) {
        try {
            return InetAddress.ofLiteral(addr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP literal: " + addr, e);
        }
    }

    public IpFamily family() {
        return IpFamily.of(address);
    }

    /** The same prefix with host bits cleared. */
    public IpPrefix network() {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            b[i] &= (byte) (0xFF << (8 - keep));
        }
        return new IpPrefix(Attributes.inet(b), length);
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }
}
