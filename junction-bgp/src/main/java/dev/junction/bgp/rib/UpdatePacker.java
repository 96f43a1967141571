package dev.junction.bgp.rib;

import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.As4;
import dev.junction.bgp.wire.EncodeContext;
import dev.junction.bgp.wire.MessageCodec;
import dev.junction.bgp.wire.MessageType;
import dev.junction.bgp.wire.MpUnreach;
import dev.junction.bgp.wire.PathAttribute;
import dev.junction.bgp.wire.Prefix;
import dev.junction.bgp.wire.Update;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs Adj-RIB-Out changes into as few UPDATE messages as fit: withdrawals per family, announcements per
 * (family, attributes). IPv4 uses the Withdrawn Routes and NLRI fields, IPv6 MP_UNREACH_NLRI and MP_REACH_NLRI
 * (RFC 4760 §3–4); one UPDATE never mixes them (RFC 7606 §5.1). Sizes respect the 4096-octet limit, or 65535 with
 * Extended Messages (RFC 4271 §4.1, RFC 8654 §4). On a 2-octet-AS session AS_PATH gets AS4_PATH (RFC 6793 §4.2.2).
 */
public final class UpdatePacker {
    private UpdatePacker() {
    }

    /** Octets an NLRI field or MP_(UN)REACH attribute may still grow by when its length field widens. */
    private static final int SLACK = 8;

    public static List<Update> pack(Collection<AdjRibOut.Change> changes, EncodeContext ctx) {
        Map<AfiSafi, List<Prefix>> withdrawn = new LinkedHashMap<>();
        Map<AfiSafi, Map<RouteAttributes, List<Prefix>>> announced = new LinkedHashMap<>();
        List<AdjRibOut.Change> sorted = new ArrayList<>(changes);
        sorted.sort(Comparator.comparing(c -> c.prefix().toString()));
        for (AdjRibOut.Change c : sorted) {
            if (c.attributes().isEmpty()) withdrawn.computeIfAbsent(c.family(), f -> new ArrayList<>()).add(c.prefix());
            else announced.computeIfAbsent(c.family(), f -> new LinkedHashMap<>())
                    .computeIfAbsent(c.attributes().get(), a -> new ArrayList<>()).add(c.prefix());
        }
        int max = MessageCodec.maxLength(MessageType.UPDATE, ctx);
        List<Update> out = new ArrayList<>();
        withdrawn.forEach((family, prefixes) -> {
            boolean v4 = family.equals(AfiSafi.IPV4_UNICAST);
            int base = MessageCodec.encode(withdraw(family, List.of()), ctx).length;
            for (List<Prefix> chunk : chunks(prefixes, max - base - SLACK)) {
                out.add(v4 ? new Update(chunk, List.of(), List.of()) : withdraw(family, chunk));
            }
        });
        announced.forEach((family, byAttributes) -> byAttributes.forEach((attrs, prefixes) -> {
            boolean v4 = family.equals(AfiSafi.IPV4_UNICAST);
            int base = MessageCodec.encode(announce(family, attrs, List.of(), ctx), ctx).length;
            for (List<Prefix> chunk : chunks(prefixes, max - base - SLACK)) out.add(announce(family, attrs, chunk, ctx));
        }));
        return out;
    }

    private static Update withdraw(AfiSafi family, List<Prefix> prefixes) {
        if (family.equals(AfiSafi.IPV4_UNICAST)) return new Update(prefixes, List.of(), List.of());
        return new Update(List.of(), List.of(new MpUnreach(family, prefixes)), List.of());
    }

    private static Update announce(AfiSafi family, RouteAttributes attrs, List<Prefix> prefixes, EncodeContext ctx) {
        boolean v4 = family.equals(AfiSafi.IPV4_UNICAST);
        List<PathAttribute> wire = WireAttributes.toWire(attrs, family, v4 ? List.of() : prefixes);
        if (!ctx.fourOctetAs()) wire = As4.toOldSpeaker(wire);
        return new Update(List.of(), wire, v4 ? prefixes : List.of());
    }

    /** Consecutive runs whose NLRI encoding (length octet plus significant octets) fits in {@code budget}. */
    private static List<List<Prefix>> chunks(List<Prefix> prefixes, int budget) {
        List<List<Prefix>> out = new ArrayList<>();
        List<Prefix> cur = new ArrayList<>();
        int used = 0;
        for (Prefix p : prefixes) {
            int size = 1 + p.wireBytes();
            if (!cur.isEmpty() && used + size > budget) {
                out.add(cur);
                cur = new ArrayList<>();
                used = 0;
            }
            cur.add(p);
            used += size;
        }
        if (!cur.isEmpty()) out.add(cur);
        return out;
    }
}
