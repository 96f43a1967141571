package dev.junction.netlink;

/**
 * Netlink header constants from {@code linux/netlink.h} and {@code linux/rtnetlink.h}: message types, header
 * flags and the sizes every message shares.
 */
final class Netlink {
    static final int HEADER_SIZE = 16;

    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_OVERRUN = 4;

    static final int NLM_F_REQUEST = 0x01;
    static final int NLM_F_MULTI = 0x02;
    static final int NLM_F_ACK = 0x04;
    static final int NLM_F_DUMP_INTR = 0x10;
    /** Flags of a dump request: NLM_F_ROOT | NLM_F_MATCH. */
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_REPLACE = 0x100;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    static final int NLM_F_APPEND = 0x800;
    /** On an NLMSG_ERROR: the original request was cut to its header (NETLINK_CAP_ACK). */
    static final int NLM_F_CAPPED = 0x100;
    /** On an NLMSG_ERROR or NLMSG_DONE: extended-ack attributes follow. */
    static final int NLM_F_ACK_TLVS = 0x200;

    static final int NLMSGERR_ATTR_MSG = 1;

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_GETROUTE = 26;
    static final int RTM_NEWNEIGH = 28;
    static final int RTM_DELNEIGH = 29;
    static final int RTM_GETNEIGH = 30;
    static final int RTM_NEWRULE = 32;
    static final int RTM_DELRULE = 33;
    static final int RTM_GETRULE = 34;

    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_BRIDGE = 7;
    static final int AF_INET6 = 10;

    private Netlink() {
    }

    /** Netlink pads every message and attribute to four bytes. */
    static int align(int length) {
        return (length + 3) & ~3;
    }
}
