package dev.junction.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/** Route requests and replies: {@code struct rtmsg} (12 bytes) and RTA_* attributes from {@code linux/rtnetlink.h}. */
final class RouteCodec {
    static final int RTMSG_SIZE = 12;
    static final int RTN_UNICAST = 1;
    static final int RTNH_F_ONLINK = 0x4;
    static final int RTM_F_CLONED = 0x200;

    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    static final int RTA_METRICS = 8;
    static final int RTA_MULTIPATH = 9;
    static final int RTA_TABLE = 15;
    static final int RTAX_MTU = 2;

    private RouteCodec() {
    }

    static MessageWriter dump() {
        return new MessageWriter(Netlink.RTM_GETROUTE, Netlink.NLM_F_DUMP).u8(Netlink.AF_UNSPEC).zeros(RTMSG_SIZE - 1);
    }

    static MessageWriter add(Route r) {
        return write(Netlink.RTM_NEWROUTE, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, r, r.scope(), true);
    }

    static MessageWriter replace(Route r) {
        return write(Netlink.RTM_NEWROUTE, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE, r, r.scope(), true);
    }

    /** A delete matches on destination, table, protocol, next hop and metric; any scope, and metrics unchecked. */
    static MessageWriter delete(Route r) {
        return write(Netlink.RTM_DELROUTE, 0, r, RouteScope.NOWHERE, false);
    }

    private static MessageWriter write(int type, int flags, Route r, int scope, boolean withMetrics) {
        MessageWriter w = new MessageWriter(type, Netlink.NLM_F_ACK | flags)
                .u8(r.family().number()).u8(r.destination().length()).u8(0).u8(0)
                .u8(r.table() < 256 ? r.table() : RouteTable.COMPAT).u8(r.protocol()).u8(scope).u8(RTN_UNICAST)
                .u32(r.onlink() ? RTNH_F_ONLINK : 0);
        w.attrU32(RTA_TABLE, r.table());
        w.attrAddress(RTA_DST, r.destination().address());
        r.gateway().ifPresent(g -> w.attrAddress(RTA_GATEWAY, g));
        if (r.outputIndex() != 0) w.attrU32(RTA_OIF, r.outputIndex());
        if (r.metric() != 0) w.attrU32(RTA_PRIORITY, r.metric());
        if (withMetrics && r.mtu() != 0) {
            int metrics = w.beginNested(RTA_METRICS);
            w.attrU32(RTAX_MTU, r.mtu());
            w.endNested(metrics);
        }
        return w;
    }

    /**
     * The route of a reply, or null for what a {@link Route} cannot describe: other families (multicast
     * routing), non-unicast types (local, broadcast, blackhole), cached clones and multipath routes.
     */
    static Route decode(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        IpFamily family = IpFamily.fromNumber(Byte.toUnsignedInt(p.get(0)));
        if (family == null) return null;
        int dstLength = Byte.toUnsignedInt(p.get(1));
        int table = Byte.toUnsignedInt(p.get(4));
        int protocol = Byte.toUnsignedInt(p.get(5));
        int scope = Byte.toUnsignedInt(p.get(6));
        int type = Byte.toUnsignedInt(p.get(7));
        int flags = p.getInt(8);
        if (type != RTN_UNICAST || (flags & RTM_F_CLONED) != 0) return null;
        Attributes a = Attributes.parse(p, RTMSG_SIZE);
        if (a.has(RTA_MULTIPATH)) return null;
        InetAddress dst = a.address(RTA_DST).orElseGet(() -> Attributes.inet(new byte[family.bits() / 8]));
        Optional<InetAddress> gateway = a.address(RTA_GATEWAY);
        return new Route(new IpPrefix(dst, dstLength), gateway, a.u32(RTA_OIF, 0), (flags & RTNH_F_ONLINK) != 0,
                protocol, a.u32(RTA_TABLE, table), scope, a.u32(RTA_PRIORITY, 0), a.nested(RTA_METRICS).u32(RTAX_MTU, 0));
    }
}
