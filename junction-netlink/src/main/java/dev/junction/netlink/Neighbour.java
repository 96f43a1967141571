package dev.junction.netlink;

import java.net.InetAddress;
import java.util.Optional;

/**
 * An ARP or NDP neighbour entry ({@code ip neigh}).
 *
 * @param index   the interface index
 * @param address the neighbour's IP address
 * @param mac     its link-layer address; absent while unresolved (INCOMPLETE, FAILED)
 * @param state   the NUD_* state bits, see {@link #isPermanent()}
 */
public record Neighbour(int index, InetAddress address, Optional<MacAddress> mac, int state) {
    /** NUD_PERMANENT: installed by hand, never expires or gets probed. */
    public static final int NUD_PERMANENT = 0x80;
    /** NUD_NOARP: valid without resolution. */
    public static final int NUD_NOARP = 0x40;

    public boolean isPermanent() {
        return (state & NUD_PERMANENT) != 0;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + " dev " + index + mac.map(m -> " lladdr " + m).orElse("")
                + " state 0x" + Integer.toHexString(state);
    }
}
