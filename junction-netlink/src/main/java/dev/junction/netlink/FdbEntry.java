package dev.junction.netlink;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A bridge forwarding-database entry ({@code bridge fdb}). On a VXLAN device, {@code destination} is the remote
 * VTEP; the all-zero MAC ({@link MacAddress#ZERO}) with one entry per remote is the flood list for unknown
 * destinations and broadcasts, which is how head-end replication is set up without multicast.
 *
 * @param index       the interface index (the VXLAN device or bridge port)
 * @param mac         the MAC address
 * @param destination the remote VTEP address, for VXLAN entries
 * @param self        NTF_SELF: the device's own table (VXLAN), as opposed to the bridge master's
 * @param permanent   NUD_PERMANENT: static, never aged out
 */
public record FdbEntry(int index, MacAddress mac, Optional<InetAddress> destination, boolean self, boolean permanent) {
    @Override
    public String toString() {
        return mac + " dev " + index + destination.map(d -> " dst " + d.getHostAddress()).orElse("")
                + (self ? " self" : " master") + (permanent ? " permanent" : "");
    }
}
