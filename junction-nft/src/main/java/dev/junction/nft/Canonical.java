package dev.junction.nft;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text nft 1.0.6 prints for set keys, so that desired state can be rendered in exactly the form
 * {@link Nft#list} returns and compared as strings. Found by listing what the kernel stored:
 * <ul>
 *   <li>IPv6 as glibc {@code inet_ntop} prints it: lower case, the first longest run (at least two) of zero
 *       groups as {@code ::}, {@code ::ffff:a.b.c.d} and {@code ::a.b.c.d} in mixed notation
 *       ({@code 2001:db8:0:0:1:0:0:1} lists as {@code 2001:db8::1:0:0:1});
 *   <li>protocols by their first name in {@code /etc/protocols} (17 lists as {@code udp}, 0 as {@code ip});
 *   <li>ports as decimal numbers (JSON output never prints service names);
 *   <li>in interval sets an address interval that is a prefix prints as {@code a/len}, a single address
 *       ({@code /32}, {@code a-a}) as the address, anything else as {@code lo-hi}; host bits are masked
 *       ({@code 11.0.0.1/8} stores {@code 11.0.0.0/8}); port intervals always print as {@code lo-hi}.
 * </ul>
 * Parsing is strict and never resolves names: nft would try DNS for {@code 300.1.1.1}, which we never want.
 */
public final class Canonical {
    private static final Pattern CONCAT = Pattern.compile("\\s+\\.\\s+");
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    /** An inclusive interval of key values, used to detect overlapping interval elements. */
    public record Range(BigInteger lo, BigInteger hi) {
        public boolean overlaps(Range o) {
            return lo.compareTo(o.hi) <= 0 && o.lo.compareTo(hi) <= 0;
        }
    }

    private Canonical() {
    }

    /** Splits a set type such as {@code ipv4_addr . inet_proto . inet_service} into its parts. */
    public static List<String> typeParts(String type) {
        return List.of(CONCAT.split(type.strip()));
    }

    /** Splits a concatenated key {@code 10.96.0.1 . tcp . 80} into its parts. */
    public static List<String> keyParts(String key) {
        return List.of(CONCAT.split(key.strip()));
    }

    /**
     * The canonical text of a whole (possibly concatenated) key of the given type.
     *
     * @param interval whether the set has {@code flags interval} (prefixes and ranges allowed)
     * @throws IllegalArgumentException when nft would refuse the key
     */
    public static String key(List<String> types, String key, boolean interval) {
        List<String> parts = keyParts(key);
        if (parts.size() != types.size()) {
            throw new IllegalArgumentException("key '" + key + "' has " + parts.size() + " parts, the type has "
                    + types.size());
        }
        List<String> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            out.add(part(types.get(i), parts.get(i), interval));
        }
        return String.join(" . ", out);
    }

    /** The canonical text of one key part; a prefix or range only where {@code interval} allows it. */
    public static String part(String type, String text, boolean interval) {
        Range r = rangeOf(type, text);
        if (r == null) {
            return single(type, text);
        }
        boolean single = r.lo.equals(r.hi);
        if (!interval && (text.contains("/") || text.contains("-"))) {
            throw new IllegalArgumentException("You must add 'flags interval' to your set declaration if you want "
                    + "to add prefix or range elements: " + text);
        }
        int bits = bits(type);
        if (single && !text.contains("-") && !text.contains("/")) {
            return single(type, text);
        }
        if (single) {
            return format(type, r.lo);
        }
        if (bits != 16) {
            int len = prefixLength(r, bits);
            if (len >= 0) {
                return format(type, r.lo) + "/" + len;
            }
        }
        return format(type, r.lo) + "-" + format(type, r.hi);
    }

    /** The interval a canonical or raw key part covers, or null for a type without an order (opaque). */
    public static Range rangeOf(String type, String text) {
        int bits = bits(type);
        if (bits < 0) {
            return null;
        }
        int slash = text.indexOf('/');
        if (slash >= 0 && bits != 16) {
            BigInteger addr = value(type, text.substring(0, slash));
            int len = parseInt(text.substring(slash + 1), 0, bits, "prefix length");
            BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - len).subtract(BigInteger.ONE);
            BigInteger lo = addr.andNot(hostMask);
            return new Range(lo, lo.or(hostMask));
        }
        int dash = text.indexOf('-');
        if (dash > 0) {
            BigInteger lo = value(type, text.substring(0, dash));
            BigInteger hi = value(type, text.substring(dash + 1));
            if (lo.compareTo(hi) > 0) {
                throw new IllegalArgumentException("Range has zero or negative size: " + text);
            }
            return new Range(lo, hi);
        }
        BigInteger v = value(type, text);
        return new Range(v, v);
    }

    /** A dotted IPv4 address, validated (no leading zeros, each octet at most 255). */
    public static String ipv4(String s) {
        if (!IPV4.matcher(s).matches()) {
            throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
        for (String o : s.split("\\.")) {
            if (Integer.parseInt(o) > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
        }
        return s;
    }

    /** An IPv6 address in the form nft (glibc inet_ntop) prints. */
    public static String ipv6(String s) {
        return Ipv6Text.format(Ipv6Text.parse(s));
    }

    /** A protocol as nft prints it: its first {@code /etc/protocols} name, else the number. */
    public static String protocol(String s) {
        int n = protocolNumber(s);
        String name = Netbase.PROTOCOL_NAMES.get(n);
        return name != null ? name : Integer.toString(n);
    }

    /** A port as the decimal number nft's JSON prints (service names resolved through /etc/services). */
    public static String service(String s) {
        return Integer.toString(serviceNumber(s));
    }

    /** A verdict with single spaces: {@code accept}, {@code drop}, {@code jump X}, {@code goto X}, ... */
    public static String verdict(String v) {
        String[] w = v.strip().split("\\s+");
        return switch (w[0]) {
            case "accept", "drop", "continue", "return" -> {
                if (w.length != 1) {
                    throw new IllegalArgumentException("not a verdict: " + v);
                }
                yield w[0];
            }
            case "jump", "goto" -> {
                if (w.length != 2) {
                    throw new IllegalArgumentException("not a verdict: " + v);
                }
                yield w[0] + " " + w[1];
            }
            default -> throw new IllegalArgumentException("not a verdict: " + v);
        };
    }

    private static String single(String type, String text) {
        return switch (type) {
            case "ipv4_addr" -> ipv4(text);
            case "ipv6_addr" -> ipv6(text);
            case "inet_proto" -> protocol(text);
            case "inet_service" -> service(text);
            default -> text.strip();
        };
    }

    private static int bits(String type) {
        return switch (type) {
            case "ipv4_addr" -> 32;
            case "ipv6_addr" -> 128;
            case "inet_service" -> 16;
            default -> -1;
        };
    }

    private static BigInteger value(String type, String text) {
        return switch (type) {
            case "ipv4_addr" -> {
                long v = 0;
                for (String o : ipv4(text).split("\\.")) {
                    v = (v << 8) | Integer.parseInt(o);
                }
                yield BigInteger.valueOf(v);
            }
            case "ipv6_addr" -> {
                BigInteger v = BigInteger.ZERO;
                for (int w : Ipv6Text.parse(text)) {
                    v = v.shiftLeft(16).or(BigInteger.valueOf(w));
                }
                yield v;
            }
            case "inet_service" -> BigInteger.valueOf(serviceNumber(text));
            default -> throw new IllegalArgumentException("no order on type " + type);
        };
    }

    private static String format(String type, BigInteger v) {
        return switch (type) {
            case "ipv4_addr" -> {
                long x = v.longValue();
                yield ((x >> 24) & 255) + "." + ((x >> 16) & 255) + "." + ((x >> 8) & 255) + "." + (x & 255);
            }
            case "ipv6_addr" -> {
                int[] w = new int[8];
                for (int i = 7; i >= 0; i--) {
                    w[i] = v.intValue() & 0xffff;
                    v = v.shiftRight(16);
                }
                yield Ipv6Text.format(w);
            }
            default -> v.toString();
        };
    }

    /** The prefix length if {@code r} is exactly one prefix, else -1. */
    private static int prefixLength(Range r, int bits) {
        BigInteger size = r.hi.subtract(r.lo).add(BigInteger.ONE);
        if (size.bitCount() != 1) {
            return -1;
        }
        int hostBits = size.getLowestSetBit();
        return r.lo.getLowestSetBit() >= hostBits || r.lo.signum() == 0 ? bits - hostBits : -1;
    }

    private static int protocolNumber(String s) {
        Integer byName = Netbase.PROTOCOL_NUMBERS.get(s);
        if (byName != null) {
            return byName;
        }
        return parseInt(s, 0, 255, "protocol");
    }

    private static int serviceNumber(String s) {
        Integer byName = Netbase.SERVICE_PORTS.get(s);
        if (byName != null) {
            return byName;
        }
        return parseInt(s, 0, 65535, "port");
    }

    private static int parseInt(String s, int min, int max, String what) {
        if (!s.matches("[0-9]{1,6}")) {
            throw new IllegalArgumentException("not a " + what + ": " + s);
        }
        int v = Integer.parseInt(s);
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " out of range: " + s);
        }
        return v;
    }
}
