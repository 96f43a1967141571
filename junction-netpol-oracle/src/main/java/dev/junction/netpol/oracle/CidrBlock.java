package dev.junction.netpol.oracle;

import java.net.InetAddress;

/**
 * An IPv4 or IPv6 CIDR block as written in {@code ipBlock.cidr} or {@code ipBlock.except} (API reference,
 * {@code IPBlock}: "A string representing the IPBlock Valid examples are "192.168.1.0/24" or "2001:db8::/64"").
 * Host bits after the prefix are ignored, so {@code 192.168.1.1/24} is the block {@code 192.168.1.0/24}.
 *
 * @param text the block as written in the policy, kept for explanations
 */
record CidrBlock(String text, InetAddress address, int prefixLength) {

    /** Parses {@code address/prefix}; throws {@link IllegalArgumentException} saying what is wrong. */
    static CidrBlock parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR (address/prefix)");
        }
        InetAddress address;
        int prefix;
        try {
            address = Addresses.parse(text.substring(0, slash));
            String digits = text.substring(slash + 1);
            if (!digits.matches("\\d{1,3}")) {
                throw new IllegalArgumentException();
            }
            prefix = Integer.parseInt(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR (address/prefix)");
        }
        if (prefix > address.getAddress().length * 8) {
            throw new IllegalArgumentException("\"" + text + "\" has a prefix longer than its address");
        }
        return new CidrBlock(text, address, prefix);
    }

    IpFamily family() {
        return IpFamily.of(address);
    }

    /** Whether {@code ip} lies in this block; an address of the other family never does. */
    boolean contains(InetAddress ip) {
        byte[] net = address.getAddress();
        byte[] other = ip.getAddress();
        if (net.length != other.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((net[bit / 8] & mask) != (other[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code inner} is a strict subset of this block (same family, longer prefix, inside). */
    boolean strictlyContains(CidrBlock inner) {
        return inner.prefixLength > prefixLength && contains(inner.address);
    }

    @Override
    public String toString() {
        return text;
    }
}
