package dev.junction.netlink;

import java.util.HexFormat;

/** A 48-bit Ethernet address, printed as {@code 0a:1b:2c:3d:4e:5f}. */
public record MacAddress(long value) {
    /** The all-zero address: in a VXLAN FDB, the default destination that every unknown MAC floods to. */
    public static final MacAddress ZERO = new MacAddress(0);

    public MacAddress {
        if ((value >>> 48) != 0) throw new IllegalArgumentException("more than 48 bits: " + Long.toHexString(value));
    }

    public static MacAddress parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 6) throw new IllegalArgumentException("not a MAC address: " + text);
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2) throw new IllegalArgumentException("not a MAC address: " + text);
            v = (v << 8) | Integer.parseInt(p, 16);
        }
        return new MacAddress(v);
    }

    public static MacAddress of(byte[] b) {
        if (b.length != 6) throw new IllegalArgumentException("MAC address of " + b.length + " bytes");
        long v = 0;
        for (byte x : b) v = (v << 8) | Byte.toUnsignedLong(x);
        return new MacAddress(v);
    }

    public byte[] bytes() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) b[i] = (byte) (value >>> (40 - 8 * i));
        return b;
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes());
    }
}
