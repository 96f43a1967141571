package dev.junction.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IP address in canonical text: dotted quad for IPv4, RFC 5952 compressed lower case for IPv6 (the form
 * nft prints, so keys compare equal to what a listing returns). Parsing never resolves names.
 */
public record Ip(IpFamily family, byte[] bytes) implements Comparable<Ip> {

    public Ip {
        if (bytes.length != (family == IpFamily.V4 ? 4 : 16)) {
            throw new IllegalArgumentException("wrong address length " + bytes.length + " for " + family);
        }
        bytes = bytes.clone();
    }

    /** Parses a literal IPv4 or IPv6 address (no zone, no brackets); empty if it is not one. */
    public static Optional<Ip> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        byte[] b = text.indexOf(':') >= 0 ? IpParser.v6(text) : IpParser.v4(text);
        if (b == null) {
            return Optional.empty();
        }
        if (b.length == 16 && IpParser.isV4Mapped(b)) {
            return Optional.empty(); // Kubernetes rejects IPv4-mapped IPv6 addresses in Service and EndpointSlice fields.
        }
        return Optional.of(new Ip(b.length == 4 ? IpFamily.V4 : IpFamily.V6, b));
    }

    /** Parses or throws {@link IllegalArgumentException}; for constants and tests. */
    public static Ip of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Byte {@code i} of the address, without copying. */
    public int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ip other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Ip o) {
        int c = Integer.compare(bytes.length, o.bytes.length);
        return c != 0 ? c : Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return IpParser.format(bytes);
    }
}
