package dev.junction.netlink;

/** Well-known routing table ids from {@code linux/rtnetlink.h}; any other id up to 2^32-1 is a custom table. */
public final class RouteTable {
    public static final int DEFAULT = 253;
    public static final int MAIN = 254;
    public static final int LOCAL = 255;
    /** Placed in the one-byte rtm_table field when the real id (in RTA_TABLE) does not fit. */
    static final int COMPAT = 252;

    private RouteTable() {
    }
}
