package dev.junction.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;

/** IPv4 or IPv6, with the kernel's address-family number. */
public enum IpFamily {
    V4(Netlink.AF_INET, 4),
    V6(Netlink.AF_INET6, 16);

    private final int number;
    private final int bytes;

    IpFamily(int number, int bytes) {
        this.number = number;
        this.bytes = bytes;
    }

    /** AF_INET (2) or AF_INET6 (10). */
    public int number() {
        return number;
    }

    /** Address length in bits: 32 or 128. */
    public int bits() {
        return bytes * 8;
    }

    public static IpFamily of(InetAddress address) {
        return address instanceof Inet4Address ? V4 : V6;
    }

    /** The family of a kernel family number; null for anything else (AF_BRIDGE, multicast routing, ...). */
    static IpFamily fromNumber(int number) {
        return number == Netlink.AF_INET ? V4 : number == Netlink.AF_INET6 ? V6 : null;
    }
}
