package dev.junction.model;

import java.util.Optional;

/** A network prefix such as {@code 10.96.0.0/12}; the address is stored with its host bits cleared. */
public record Cidr(Ip network, int prefix) {

    public Cidr {
        if (prefix < 0 || prefix > network.length() * 8) {
            throw new IllegalArgumentException("prefix length " + prefix + " out of range for " + network);
        }
        network = mask(network, prefix);
    }

    public IpFamily family() {
        return network.family();
    }

    /** Parses {@code A/N}; a bare address is a host prefix. Empty if malformed. */
    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        Optional<Ip> ip = Ip.parse(slash < 0 ? text : text.substring(0, slash));
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        int max = ip.get().length() * 8;
        int len = max;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return Optional.empty();
            }
            len = Integer.parseInt(p);
            if (len > max) {
                return Optional.empty();
            }
        }
        return Optional.of(new Cidr(ip.get(), len));
    }

    public static Cidr of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + text));
    }

    public boolean contains(Ip ip) {
        return ip.family() == network.family() && mask(ip, prefix).equals(network);
    }

    private static Ip mask(Ip ip, int prefix) {
        byte[] b = ip.bytes();
        for (int i = 0; i < b.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) (0xff << (8 - bits));
        }
        return new Ip(ip.family(), b);
    }

    @Override
    public String toString() {
        return network + "/" + prefix;
    }
}
