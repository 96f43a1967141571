package dev.junction.bgp.wire;

import java.util.List;

/**
 * MP_UNREACH_NLRI, type 15 (RFC 4760 §4): AFI/SAFI and withdrawn prefixes. With no prefixes it is the
 * End-of-RIB marker of its AFI/SAFI (RFC 4724 §2).
 */
public record MpUnreach(AfiSafi family, List<Prefix> withdrawn) implements PathAttribute {
    public MpUnreach {
        if (family == null) throw new IllegalArgumentException("family is required");
        AddressFamily af = family.unicastFamily()
                .orElseThrow(() -> new IllegalArgumentException("only IPv4/IPv6 unicast is supported, not " + family));
        withdrawn = List.copyOf(withdrawn);
        for (Prefix p : withdrawn) if (p.family() != af) throw new IllegalArgumentException(p + " is not " + af);
    }

    @Override
    public int typeCode() {
        return PathAttribute.MP_UNREACH_NLRI;
    }
}
