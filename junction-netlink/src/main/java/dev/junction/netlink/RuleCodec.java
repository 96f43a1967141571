package dev.junction.netlink;

import java.nio.ByteBuffer;
import java.util.Optional;

/** Rule requests and replies: {@code struct fib_rule_hdr} (12 bytes) and FRA_* attributes from {@code linux/fib_rules.h}. */
final class RuleCodec {
    static final int FIB_RULE_HDR_SIZE = 12;
    static final int FR_ACT_TO_TBL = 1;
    static final int FRA_DST = 1;
    static final int FRA_SRC = 2;
    static final int FRA_PRIORITY = 6;
    static final int FRA_TABLE = 15;

    private RuleCodec() {
    }

    static MessageWriter dump() {
        return new MessageWriter(Netlink.RTM_GETRULE, Netlink.NLM_F_DUMP).u8(Netlink.AF_UNSPEC).zeros(FIB_RULE_HDR_SIZE - 1);
    }

    static MessageWriter change(int type, int flags, Rule r) {
        MessageWriter w = new MessageWriter(type, Netlink.NLM_F_ACK | flags)
                .u8(r.family().number()).u8(r.to().map(IpPrefix::length).orElse(0)).u8(r.from().map(IpPrefix::length).orElse(0))
                .u8(0).u8(r.table() < 256 ? r.table() : RouteTable.COMPAT).u8(0).u8(0).u8(FR_ACT_TO_TBL).u32(0)
                .attrU32(FRA_PRIORITY, r.priority())
                .attrU32(FRA_TABLE, r.table());
        r.from().ifPresent(p -> w.attrAddress(FRA_SRC, p.address()));
        r.to().ifPresent(p -> w.attrAddress(FRA_DST, p.address()));
        return w;
    }

    /** A rule that looks up a table, or null for other actions (blackhole, goto, ...) and families. */
    static Rule decode(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        IpFamily family = IpFamily.fromNumber(Byte.toUnsignedInt(p.get(0)));
        if (family == null || Byte.toUnsignedInt(p.get(7)) != FR_ACT_TO_TBL) return null;
        int dstLength = Byte.toUnsignedInt(p.get(1));
        int srcLength = Byte.toUnsignedInt(p.get(2));
        Attributes a = Attributes.parse(p, FIB_RULE_HDR_SIZE);
        Optional<IpPrefix> from = a.address(FRA_SRC).map(x -> new IpPrefix(x, srcLength));
        Optional<IpPrefix> to = a.address(FRA_DST).map(x -> new IpPrefix(x, dstLength));
        return new Rule(family, a.u32(FRA_PRIORITY, 0), a.u32(FRA_TABLE, Byte.toUnsignedInt(p.get(4))), from, to);
    }
}
