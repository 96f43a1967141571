package dev.junction.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Neighbour and bridge FDB requests and replies: {@code struct ndmsg} (12 bytes) and NDA_* attributes from
 * {@code linux/neighbour.h}. An FDB entry is a neighbour of family AF_BRIDGE keyed by MAC, whose NDA_DST is the
 * remote VTEP rather than the neighbour's own address.
 */
final class NeighbourCodec {
    static final int NDMSG_SIZE = 12;
    static final int NDA_DST = 1;
    static final int NDA_LLADDR = 2;
    static final int NTF_SELF = 0x02;

    private NeighbourCodec() {
    }

    private static MessageWriter ndmsg(MessageWriter w, int family, int index, int state, int flags) {
        return w.u8(family).u8(0).u16(0).u32(index).u16(state).u8(flags).u8(0);
    }

    static MessageWriter dump(int family) {
        return ndmsg(new MessageWriter(Netlink.RTM_GETNEIGH, Netlink.NLM_F_DUMP), family, 0, 0, 0);
    }

    static MessageWriter setPermanent(int index, InetAddress address, MacAddress mac) {
        return ndmsg(new MessageWriter(Netlink.RTM_NEWNEIGH, Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE),
                IpFamily.of(address).number(), index, Neighbour.NUD_PERMANENT, 0)
                .attrAddress(NDA_DST, address)
                .attr(NDA_LLADDR, mac.bytes());
    }

    static MessageWriter delete(int index, InetAddress address) {
        return ndmsg(new MessageWriter(Netlink.RTM_DELNEIGH, Netlink.NLM_F_ACK), IpFamily.of(address).number(), index, 0, 0)
                .attrAddress(NDA_DST, address);
    }

    /** Like {@code bridge fdb append|add MAC dev DEV dst IP}: permanent, no ARP, in the device's own table. */
    static MessageWriter fdb(int type, int flags, int index, MacAddress mac, InetAddress destination) {
        int state = type == Netlink.RTM_NEWNEIGH ? Neighbour.NUD_PERMANENT | Neighbour.NUD_NOARP : 0;
        MessageWriter w = ndmsg(new MessageWriter(type, Netlink.NLM_F_ACK | flags), Netlink.AF_BRIDGE, index, state, NTF_SELF)
                .attr(NDA_LLADDR, mac.bytes());
        if (destination != null) w.attrAddress(NDA_DST, destination);
        return w;
    }

    /** An IPv4 or IPv6 neighbour, or null for another family. */
    static Neighbour decodeNeighbour(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        if (IpFamily.fromNumber(Byte.toUnsignedInt(p.get(0))) == null) return null;
        Attributes a = Attributes.parse(p, NDMSG_SIZE);
        Optional<InetAddress> dst = a.address(NDA_DST);
        if (dst.isEmpty()) return null;
        return new Neighbour(p.getInt(4), dst.get(), mac(a), Short.toUnsignedInt(p.getShort(8)));
    }

    /** A bridge FDB entry, or null for another family or an entry without a MAC. */
    static FdbEntry decodeFdb(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        if (Byte.toUnsignedInt(p.get(0)) != Netlink.AF_BRIDGE) return null;
        Attributes a = Attributes.parse(p, NDMSG_SIZE);
        Optional<MacAddress> mac = mac(a);
        if (mac.isEmpty()) return null;
        int state = Short.toUnsignedInt(p.getShort(8));
        int flags = Byte.toUnsignedInt(p.get(10));
        return new FdbEntry(p.getInt(4), mac.get(), a.address(NDA_DST), (flags & NTF_SELF) != 0,
                (state & Neighbour.NUD_PERMANENT) != 0);
    }

    private static Optional<MacAddress> mac(Attributes a) {
        return a.bytes(NDA_LLADDR).filter(b -> b.length == 6).map(MacAddress::of);
    }
}
