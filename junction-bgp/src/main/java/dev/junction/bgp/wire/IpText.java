package dev.junction.bgp.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address text and raw-byte conversions without name resolution. IPv6 text follows RFC 5952 §4. */
public final class IpText {
    private IpText() {
    }

    /** The address as configs and tables show it: dotted quad, or RFC 5952 (never {@code 2001:db8:0:0:0:0:0:2}). */
    public static String of(InetAddress a) {
        return format(a.getAddress());
    }

    /** Dotted quad for 4 octets, RFC 5952 text for 16 octets. */
    static String format(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
        }
        if (a.length != 16) throw new IllegalArgumentException("not an address: " + a.length + " octets");
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) w[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        // RFC 5952 §4.2.3: compress the longest run of zero words (the first if tied), only if longer than one.
        int bestStart = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(w[i]));
            if (i < 7) sb.append(':');
        }
        return sb.toString();
    }

    /** Raw octets of an IPv4 or IPv6 literal; IPv4-mapped IPv6 literals stay 16 octets. */
    static byte[] parse(String text) {
        if (text.indexOf(':') >= 0) {
            InetAddress a = Inet6Address.ofLiteral(text);
            if (a instanceof Inet4Address v4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(v4.getAddress(), 0, mapped, 12, 4);
                return mapped;
            }
            return a.getAddress();
        }
        return Inet4Address.ofLiteral(text).getAddress();
    }

    static Inet4Address ipv4(byte[] four) {
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Inet4Address ipv4(long value) {
        return ipv4(new byte[]{(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    static Inet4Address ipv4(String text) {
        return Inet4Address.ofLiteral(text);
    }

    static long toLong(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }
}
