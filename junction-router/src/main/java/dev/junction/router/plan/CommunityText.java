package dev.junction.router.plan;

import java.util.Locale;
import java.util.Map;

/** BGP community text as kube-router's {@code node.bgp.communities} accepts it: a uint32, {@code AA:NN} or a well-known name. */
public final class CommunityText {
    /** RFC 1997 and RFC 3765 well-known communities by their usual names. */
    public static final Map<String, Long> WELL_KNOWN = Map.of(
            "no-export", 0xFFFFFF01L,
            "no-advertise", 0xFFFFFF02L,
            "no-export-subconfed", 0xFFFFFF03L,
            "no-peer", 0xFFFFFF04L);

    private CommunityText() {}

    /** The 32-bit value; throws {@link IllegalArgumentException} saying why the text is not a community. */
    public static long parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Long named = WELL_KNOWN.get(t);
        if (named != null) return named;
        int colon = t.indexOf(':');
        if (colon < 0) return Uint32.parse(t);
        long high = Uint32.parse(t.substring(0, colon), 0xFFFF);
        long low = Uint32.parse(t.substring(colon + 1), 0xFFFF);
        return high << 16 | low;
    }
}
