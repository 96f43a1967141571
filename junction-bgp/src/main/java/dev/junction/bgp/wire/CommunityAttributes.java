package dev.junction.bgp.wire;

import dev.junction.bgp.wire.PathAttribute.ClusterList;
import dev.junction.bgp.wire.PathAttribute.Communities;
import dev.junction.bgp.wire.PathAttribute.OriginatorId;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

import static dev.junction.bgp.wire.AttributeCodec.requireLength;

/**
 * Codecs of the list-of-4-octet attributes: COMMUNITIES (RFC 1997), and the route-reflection attributes
 * ORIGINATOR_ID and CLUSTER_LIST (RFC 4456 §8).
 */
final class CommunityAttributes {
    private CommunityAttributes() {
    }

    static final AttributeCodec COMMUNITIES = AttributeCodec.of(Communities.class, (v, flags, ctx) -> {
        // RFC 7606 §7.8: "malformed if its length is not a non-zero multiple of 4".
        AttrResult bad = requireMultipleOf4(v, "COMMUNITIES", "RFC 7606 §7.8");
        if (bad != null) return bad;
        List<Long> values = new ArrayList<>(v.remaining() / 4);
        while (v.remaining() > 0) values.add(v.u32());
        return AttrResult.ok(new Communities(values, (flags & PathAttribute.PARTIAL) != 0));
    }, (a, w, ctx) -> a.values().forEach(w::u32));

    static final AttributeCodec ORIGINATOR_ID = AttributeCodec.of(OriginatorId.class, (v, flags, ctx) -> {
        // RFC 7606 §7.9: from an internal neighbor, "malformed if its length is not equal to 4".
        AttrResult bad = requireLength(v, 4, "ORIGINATOR_ID", "RFC 7606 §7.9");
        return bad != null ? bad : AttrResult.ok(new OriginatorId(IpText.ipv4(v.bytes(4))));
    }, (a, w, ctx) -> w.bytes(a.id().getAddress()));

    static final AttributeCodec CLUSTER_LIST = AttributeCodec.of(ClusterList.class, (v, flags, ctx) -> {
        // RFC 7606 §7.10: from an internal neighbor, "malformed if its length is not a non-zero multiple of 4".
        AttrResult bad = requireMultipleOf4(v, "CLUSTER_LIST", "RFC 7606 §7.10");
        if (bad != null) return bad;
        List<Inet4Address> ids = new ArrayList<>(v.remaining() / 4);
        while (v.remaining() > 0) ids.add(IpText.ipv4(v.bytes(4)));
        return AttrResult.ok(new ClusterList(ids));
    }, (a, w, ctx) -> a.ids().forEach(id -> w.bytes(id.getAddress())));

    private static AttrResult requireMultipleOf4(WireReader v, String name, String rfc) {
        int n = v.remaining();
        if (n != 0 && n % 4 == 0) return null;
        return AttrResult.malformed(ErrorCodes.ATTRIBUTE_LENGTH_ERROR, name + " length " + n + " is not a non-zero multiple of 4 (" + rfc + ")");
    }
}
