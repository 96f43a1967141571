package dev.junction.netlink;

/** Route scopes from {@code linux/rtnetlink.h} ({@code ip route ... scope NAME}). Only IPv4 has them. */
public final class RouteScope {
    /** Reachable through a gateway. */
    public static final int UNIVERSE = 0;
    public static final int SITE = 200;
    /** Directly on the link: a device route without gateway. */
    public static final int LINK = 253;
    public static final int HOST = 254;
    /** In a delete request: match any scope. */
    static final int NOWHERE = 255;

    private RouteScope() {
    }
}
