package dev.junction.netlink;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Link requests and replies: {@code struct ifinfomsg} (16 bytes) and IFLA_* attributes from
 * {@code linux/if_link.h}.
 */
final class LinkCodec {
    static final int IFINFOMSG_SIZE = 16;
    static final int IFF_UP = 0x1;

    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_MASTER = 10;
    static final int IFLA_OPERSTATE = 16;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_NET_NS_FD = 28;

    static final int IFLA_INFO_KIND = 1;
    static final int IFLA_INFO_DATA = 2;
    static final int VETH_INFO_PEER = 1;

    static final int IFLA_VXLAN_ID = 1;
    static final int IFLA_VXLAN_LINK = 3;
    static final int IFLA_VXLAN_LOCAL = 4;
    static final int IFLA_VXLAN_LEARNING = 7;
    static final int IFLA_VXLAN_PORT = 15;
    static final int IFLA_VXLAN_LOCAL6 = 17;

    private LinkCodec() {
    }

    private static MessageWriter ifinfomsg(MessageWriter w, int index, int flags, int change) {
        return w.u8(Netlink.AF_UNSPEC).u8(0).u16(0).u32(index).u32(flags).u32(change);
    }

    static MessageWriter dump() {
        return ifinfomsg(new MessageWriter(Netlink.RTM_GETLINK, Netlink.NLM_F_DUMP), 0, 0, 0);
    }

    static MessageWriter getByName(String name) {
        return ifinfomsg(new MessageWriter(Netlink.RTM_GETLINK, Netlink.NLM_F_ACK), 0, 0, 0).attrString(IFLA_IFNAME, name);
    }

    private static MessageWriter create(String name, int mtu) {
        MessageWriter w = ifinfomsg(new MessageWriter(Netlink.RTM_NEWLINK,
                Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL), 0, 0, 0).attrString(IFLA_IFNAME, name);
        if (mtu > 0) w.attrU32(IFLA_MTU, mtu);
        return w;
    }

    static MessageWriter createBridge(String name) {
        MessageWriter w = create(name, 0);
        int info = w.beginNested(IFLA_LINKINFO);
        w.attrString(IFLA_INFO_KIND, "bridge");
        w.endNested(info);
        return w;
    }

    /** A veth pair; the peer's own ifinfomsg and attributes sit inside VETH_INFO_PEER. */
    static MessageWriter createVeth(String name, String peer, int peerNetnsFd) {
        MessageWriter w = create(name, 0);
        int info = w.beginNested(IFLA_LINKINFO);
        w.attrString(IFLA_INFO_KIND, "veth");
        int data = w.beginNested(IFLA_INFO_DATA);
        int peerInfo = w.beginNested(VETH_INFO_PEER);
        ifinfomsg(w, 0, 0, 0).attrString(IFLA_IFNAME, peer);
        if (peerNetnsFd >= 0) w.attrU32(IFLA_NET_NS_FD, peerNetnsFd);
        w.endNested(peerInfo);
        w.endNested(data);
        w.endNested(info);
        return w;
    }

    static MessageWriter createVxlan(VxlanSpec spec) {
        MessageWriter w = create(spec.name(), spec.mtu());
        int info = w.beginNested(IFLA_LINKINFO);
        w.attrString(IFLA_INFO_KIND, "vxlan");
        int data = w.beginNested(IFLA_INFO_DATA);
        w.attrU32(IFLA_VXLAN_ID, spec.vni());
        w.attrAddress(IpFamily.of(spec.local()) == IpFamily.V4 ? IFLA_VXLAN_LOCAL : IFLA_VXLAN_LOCAL6, spec.local());
        if (spec.underlyingIndex() > 0) w.attrU32(IFLA_VXLAN_LINK, spec.underlyingIndex());
        w.attrBe16(IFLA_VXLAN_PORT, spec.port());
        w.attrU8(IFLA_VXLAN_LEARNING, 0);
        w.endNested(data);
        w.endNested(info);
        return w;
    }

    private static MessageWriter change(int index, int flags, int change) {
        return ifinfomsg(new MessageWriter(Netlink.RTM_NEWLINK, Netlink.NLM_F_ACK), index, flags, change);
    }

    static MessageWriter setUp(int index, boolean up) {
        return change(index, up ? IFF_UP : 0, IFF_UP);
    }

    static MessageWriter setMtu(int index, int mtu) {
        return change(index, 0, 0).attrU32(IFLA_MTU, mtu);
    }

    static MessageWriter setMac(int index, MacAddress mac) {
        return change(index, 0, 0).attr(IFLA_ADDRESS, mac.bytes());
    }

    static MessageWriter setMaster(int index, int masterIndex) {
        return change(index, 0, 0).attrU32(IFLA_MASTER, masterIndex);
    }

    static MessageWriter delete(int index) {
        return ifinfomsg(new MessageWriter(Netlink.RTM_DELLINK, Netlink.NLM_F_ACK), index, 0, 0);
    }

    static Link decode(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        int index = p.getInt(4);
        int flags = p.getInt(8);
        Attributes a = Attributes.parse(p, IFINFOMSG_SIZE);
        Attributes info = a.nested(IFLA_LINKINFO);
        String kind = info.string(IFLA_INFO_KIND).orElse("");
        Optional<VxlanInfo> vxlan = Optional.empty();
        if (kind.equals("vxlan")) {
            Attributes d = info.nested(IFLA_INFO_DATA);
            vxlan = Optional.of(new VxlanInfo(d.u32(IFLA_VXLAN_ID, 0),
                    d.address(IFLA_VXLAN_LOCAL).or(() -> d.address(IFLA_VXLAN_LOCAL6)),
                    d.be16(IFLA_VXLAN_PORT, 0), d.u32(IFLA_VXLAN_LINK, 0), d.u8(IFLA_VXLAN_LEARNING, 0) != 0));
        }
        return new Link(index, a.string(IFLA_IFNAME).orElse(""), kind, a.u32(IFLA_MTU, 0), (flags & IFF_UP) != 0,
                OperState.of(a.u8(IFLA_OPERSTATE, 0)), a.u32(IFLA_MASTER, 0),
                a.bytes(IFLA_ADDRESS).filter(b -> b.length == 6).map(MacAddress::of), vxlan);
    }
}
