package dev.junction.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * ctnetlink messages (linux/netfilter/nfnetlink_conntrack.h): a {@code struct nfgenmsg} (family, version 0,
 * resource id 0) and nested tuple attributes. Ports are in network order; nested attributes carry NLA_F_NESTED.
 */
final class ConntrackCodec {
    private static final int NFNL_SUBSYS_CTNETLINK = 1;
    private static final int IPCTNL_MSG_CT_GET = 1;
    private static final int IPCTNL_MSG_CT_DELETE = 2;
    static final int CT_GET = NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_GET;
    static final int CT_DELETE = NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_DELETE;
    private static final int NLA_F_NESTED = 0x8000;
    private static final int CTA_TUPLE_ORIG = 1;
    private static final int CTA_TUPLE_REPLY = 2;
    private static final int CTA_TUPLE_IP = 1;
    private static final int CTA_TUPLE_PROTO = 2;
    private static final int CTA_IP_V4_SRC = 1;
    private static final int CTA_IP_V4_DST = 2;
    private static final int CTA_IP_V6_SRC = 3;
    private static final int CTA_IP_V6_DST = 4;
    private static final int CTA_PROTO_NUM = 1;
    private static final int CTA_PROTO_SRC_PORT = 2;
    private static final int CTA_PROTO_DST_PORT = 3;

    private ConntrackCodec() {
    }

    private static MessageWriter header(int type, int flags, IpFamily family) {
        return new MessageWriter(type, flags).u8(family == IpFamily.V4 ? Netlink.AF_INET : Netlink.AF_INET6).u8(0).u16(0);
    }

    /** Every entry of one family. */
    static MessageWriter dump(IpFamily family) {
        return header(CT_GET, Netlink.NLM_F_DUMP, family);
    }

    /** Deletes the entry with this original tuple (the kernel finds an entry by either of its tuples). */
    static MessageWriter delete(ConntrackEntry e) {
        MessageWriter w = header(CT_DELETE, Netlink.NLM_F_ACK, e.family());
        int orig = w.beginNested(CTA_TUPLE_ORIG | NLA_F_NESTED);
        tuple(w, e.family(), e.protocol(), e.original());
        w.endNested(orig);
        return w;
    }

    private static void tuple(MessageWriter w, IpFamily family, int protocol, ConntrackEntry.Tuple t) {
        int ip = w.beginNested(CTA_TUPLE_IP | NLA_F_NESTED);
        w.attrAddress(family == IpFamily.V4 ? CTA_IP_V4_SRC : CTA_IP_V6_SRC, t.source());
        w.attrAddress(family == IpFamily.V4 ? CTA_IP_V4_DST : CTA_IP_V6_DST, t.destination());
        w.endNested(ip);
        int proto = w.beginNested(CTA_TUPLE_PROTO | NLA_F_NESTED);
        w.attrU8(CTA_PROTO_NUM, protocol);
        w.attrBe16(CTA_PROTO_SRC_PORT, t.sourcePort());
        w.attrBe16(CTA_PROTO_DST_PORT, t.destinationPort());
        w.endNested(proto);
    }

    /** An entry of a dump; empty for one without both tuples (which the kernel does not send for IP flows). */
    static Optional<ConntrackEntry> decode(NetlinkMessage m) {
        if (m.type() != CT_GET && m.type() != (NFNL_SUBSYS_CTNETLINK << 8)) return Optional.empty();
        ByteBuffer p = m.payload();
        int familyByte = Byte.toUnsignedInt(p.get(0));
        IpFamily family = familyByte == Netlink.AF_INET ? IpFamily.V4 : familyByte == Netlink.AF_INET6 ? IpFamily.V6 : null;
        if (family == null) return Optional.empty();
        Attributes a = Attributes.parse(p, 4);
        Attributes origA = a.nested(CTA_TUPLE_ORIG);
        Attributes replyA = a.nested(CTA_TUPLE_REPLY);
        Optional<Integer> proto = origA.nested(CTA_TUPLE_PROTO).bytes(CTA_PROTO_NUM).filter(b -> b.length >= 1).map(b -> Byte.toUnsignedInt(b[0]));
        Optional<ConntrackEntry.Tuple> orig = tupleOf(origA, family);
        Optional<ConntrackEntry.Tuple> reply = tupleOf(replyA, family);
        if (proto.isEmpty() || orig.isEmpty() || reply.isEmpty()) return Optional.empty();
        return Optional.of(new ConntrackEntry(family, proto.get(), orig.get(), reply.get()));
    }

    private static Optional<ConntrackEntry.Tuple> tupleOf(Attributes t, IpFamily family) {
        Attributes ip = t.nested(CTA_TUPLE_IP);
        Attributes proto = t.nested(CTA_TUPLE_PROTO);
        Optional<InetAddress> src = ip.address(family == IpFamily.V4 ? CTA_IP_V4_SRC : CTA_IP_V6_SRC);
        Optional<InetAddress> dst = ip.address(family == IpFamily.V4 ? CTA_IP_V4_DST : CTA_IP_V6_DST);
        if (src.isEmpty() || dst.isEmpty()) return Optional.empty();
        return Optional.of(new ConntrackEntry.Tuple(src.get(), dst.get(), port(proto, CTA_PROTO_SRC_PORT), port(proto, CTA_PROTO_DST_PORT)));
    }

    private static int port(Attributes proto, int type) {
        return proto.bytes(type).filter(b -> b.length == 2).map(b -> ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).getShort() & 0xFFFF).orElse(0);
    }
}
