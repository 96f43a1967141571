package dev.junction.router.plan;

import dev.junction.bgp.wire.AddressFamily;
import dev.junction.bgp.wire.Prefix;
import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.IpFamily;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Comparator;

/** Conversions between the model's {@link Ip}/{@link Cidr}, the JDK's {@link InetAddress} and the speaker's {@link Prefix}. */
final class Addresses {
    /** IPv4 before IPv6, then by address bytes, then shorter prefixes first: the order every plan list uses. */
    static final Comparator<InetAddress> ADDRESS_ORDER = Comparator.comparingInt((InetAddress a) -> a.getAddress().length)
            .thenComparing(InetAddress::getAddress, Arrays::compareUnsigned);

    private Addresses() {}

    /** Never resolves a name: the bytes are a literal address. */
    static InetAddress inet(Ip ip) {
        return inet(ip.bytes());
    }

    static InetAddress inet(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + bytes.length + " bytes", e);
        }
    }

    static Inet4Address inet4(long uint32) {
        return (Inet4Address) inet(new byte[] {(byte) (uint32 >>> 24), (byte) (uint32 >>> 16), (byte) (uint32 >>> 8), (byte) uint32});
    }

    /** The model's form; an IPv4-mapped IPv6 address (which the JDK already turns into IPv4) stays IPv4. */
    static Ip ip(InetAddress a) {
        byte[] b = a.getAddress();
        return new Ip(b.length == 4 ? IpFamily.V4 : IpFamily.V6, b);
    }

    static Prefix prefix(Cidr c) {
        return new Prefix(c.family() == IpFamily.V4 ? AddressFamily.IPV4 : AddressFamily.IPV6, c.network().bytes(), c.prefix());
    }

    static Prefix hostPrefix(InetAddress a) {
        byte[] b = a.getAddress();
        return new Prefix(b.length == 4 ? AddressFamily.IPV4 : AddressFamily.IPV6, b, b.length * 8);
    }

    static AddressFamily family(InetAddress a) {
        return a instanceof Inet4Address ? AddressFamily.IPV4 : AddressFamily.IPV6;
    }

    static String text(InetAddress a) {
        return ip(a).toString();
    }
}
