package dev.junction.router.plan;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The MAC address of a node's VXLAN device, derived from the node's address so that every node can compute every
 * other node's MAC without exchanging it (no annotation, no BGP extension, nothing to go stale).
 *
 * <p>The controller runs one VXLAN device per node. For each remote node it writes a permanent neighbour entry
 * (remote address → this MAC) and an FDB entry (this MAC → the remote address as VXLAN destination) and the route {@code dst via
 * <remote address> dev <vxlan> onlink}. The device's own MAC is {@code of(own address)}, so the frames the remote
 * receives are addressed to its device.
 *
 * <p>Layout: the first octet is {@code 0x02} (locally administered, unicast: IEEE 802 bits 1 and 0 of the first
 * octet), then {@code 0x4a} ("J") and the four IPv4 octets; for IPv6 {@code 0x02 0x4b} and the first four octets of
 * SHA-256 of the address, since 128 bits do not fit (a collision among a cluster's nodes is unlikely, not excluded).
 */
public record OverlayMac(byte[] bytes) {
    public OverlayMac {
        if (bytes.length != 6) throw new IllegalArgumentException("a MAC has 6 octets");
        bytes = bytes.clone();
    }

    public static OverlayMac of(InetAddress nodeAddress) {
        byte[] a = nodeAddress.getAddress();
        byte[] mac = new byte[6];
        mac[0] = 0x02;
        if (nodeAddress instanceof Inet4Address) {
            mac[1] = 0x4a;
            System.arraycopy(a, 0, mac, 2, 4);
        } else {
            mac[1] = 0x4b;
            System.arraycopy(sha256(a), 0, mac, 2, 4);
        }
        return new OverlayMac(mac);
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OverlayMac m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** {@code 02:4a:0a:00:00:05}, as iproute2 prints it. */
    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
