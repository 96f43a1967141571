package dev.junction.netlink;

import java.nio.ByteBuffer;

/** Address requests and replies: {@code struct ifaddrmsg} (8 bytes) and IFA_* attributes from {@code linux/if_addr.h}. */
final class AddressCodec {
    static final int IFADDRMSG_SIZE = 8;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;

    private AddressCodec() {
    }

    static MessageWriter dump() {
        return new MessageWriter(Netlink.RTM_GETADDR, Netlink.NLM_F_DUMP).u8(Netlink.AF_UNSPEC).u8(0).u8(0).u8(0).u32(0);
    }

    /**
     * Both IFA_LOCAL and IFA_ADDRESS, as {@code ip addr add} sends them: on a link without a peer they are the
     * same, and IPv4 keys the address on IFA_LOCAL while IPv6 reads IFA_ADDRESS.
     */
    static MessageWriter change(int type, int flags, Address a) {
        return new MessageWriter(type, Netlink.NLM_F_ACK | flags)
                .u8(a.family().number()).u8(a.prefixLength()).u8(0).u8(RouteScope.UNIVERSE).u32(a.index())
                .attrAddress(IFA_LOCAL, a.address())
                .attrAddress(IFA_ADDRESS, a.address());
    }

    static MessageWriter add(Address a) {
        return change(Netlink.RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, a);
    }

    static MessageWriter delete(Address a) {
        return change(Netlink.RTM_DELADDR, 0, a);
    }

    /** The address of a reply, or null for a family other than IPv4 and IPv6. */
    static Address decode(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        if (IpFamily.fromNumber(Byte.toUnsignedInt(p.get(0))) == null) return null;
        int prefixLength = Byte.toUnsignedInt(p.get(1));
        int index = p.getInt(4);
        Attributes a = Attributes.parse(p, IFADDRMSG_SIZE);
        return a.address(IFA_LOCAL).or(() -> a.address(IFA_ADDRESS))
                .map(addr -> new Address(index, new IpPrefix(addr, prefixLength)))
                .orElse(null);
    }
}
