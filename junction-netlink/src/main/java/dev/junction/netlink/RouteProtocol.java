package dev.junction.netlink;

/**
 * Route protocol numbers ({@code rtm_protocol}, {@code ip route ... proto N}): who installed a route. The kernel
 * stores values above {@link #STATIC} without interpreting them, so a daemon tags its routes with its own
 * number and finds exactly its own routes again after a restart.
 */
public final class RouteProtocol {
    /** In a dump filter: any protocol. */
    public static final int ANY = -1;
    public static final int UNSPEC = 0;
    public static final int REDIRECT = 1;
    /** Installed by the kernel itself (connected routes of an address). */
    public static final int KERNEL = 2;
    /** The default of {@code ip route add}. */
    public static final int BOOT = 3;
    public static final int STATIC = 4;

    /**
     * Junction's own routes: 244 (0xF4). Chosen because nothing claims it: it is not an {@code RTPROT_*} value
     * in {@code linux/rtnetlink.h}, nor in Debian 12's {@code /etc/iproute2/rt_protos} (0-4, 8-18, 42, 99, 186-192)
     * or FRR's {@code rt_protos.d} additions (186-197). Routing daemons allocate from the low and middle ranges;
     * a value near the top stays clear of them. To see the name in {@code ip route}, add {@code 244 junction}
     * to {@code /etc/iproute2/rt_protos.d/junction.conf}.
     */
    public static final int JUNCTION = 0xF4;

    private RouteProtocol() {
    }
}
