package dev.junction.bgp.wire;

import dev.junction.bgp.wire.PathAttribute.Aggregator;
import dev.junction.bgp.wire.PathAttribute.As4Aggregator;
import dev.junction.bgp.wire.PathAttribute.As4Path;
import dev.junction.bgp.wire.PathAttribute.AsPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conversions between 4-octet AS path information and what a 2-octet ("OLD") session carries (RFC 6793 §4.2).
 * Pure functions on attribute lists; the codec itself never rewrites attributes.
 */
public final class As4 {
    private As4() {
    }

    public static final long AS_TRANS = Open.AS_TRANS;

    /** True if the AS fits in two octets (RFC 6793 §2 "mappable"). */
    public static boolean mappable(long asn) {
        return asn <= 0xFFFF;
    }

    /**
     * Attributes for an UPDATE to a 2-octet peer (RFC 6793 §4.2.2): AS_PATH and AGGREGATOR with AS_TRANS in place
     * of non-mappable ASes, plus AS4_PATH (without confederation segments) and AS4_AGGREGATOR only when some AS is
     * non-mappable. Any AS4_PATH/AS4_AGGREGATOR in the input is replaced.
     */
    public static List<PathAttribute> toOldSpeaker(List<PathAttribute> attributes) {
        List<PathAttribute> out = new ArrayList<>();
        for (PathAttribute a : attributes) {
            switch (a) {
                case As4Path p -> {
                }
                case As4Aggregator g -> {
                }
                case AsPath p -> {
                    List<AsPathSegment> two = new ArrayList<>();
                    List<AsPathSegment> four = new ArrayList<>();
                    boolean needed = false;
                    for (AsPathSegment s : p.segments()) {
                        two.add(new AsPathSegment(s.type(), s.asns().stream().map(x -> mappable(x) ? x : AS_TRANS).toList()));
                        // RFC 6793 §4.2.2: "MUST exclude such path segments from the AS4_PATH attribute".
                        if (!s.type().confederation()) {
                            four.add(s);
                            needed |= s.asns().stream().anyMatch(x -> !mappable(x));
                        }
                    }
                    out.add(new AsPath(two));
                    // RFC 6793 §4.2.2: AS4_PATH is sent "except for the case where all of the AS path information is
                    // composed of mappable four-octet AS numbers only".
                    if (needed) out.add(new As4Path(four));
                }
                case Aggregator g when !mappable(g.asn()) -> {
                    // RFC 6793 §4.2.2: "use the AS4_AGGREGATOR attribute and set the AS number field in the existing
                    // AGGREGATOR attribute to the reserved AS number, AS_TRANS".
                    out.add(new Aggregator(AS_TRANS, g.address(), g.partial()));
                    out.add(new As4Aggregator(g.asn(), g.address()));
                }
                default -> out.add(a);
            }
        }
        return out;
    }

    /**
     * Attributes received from a 2-octet peer merged into 4-octet form (RFC 6793 §4.2.3): AS_PATH rebuilt from
     * AS_PATH and AS4_PATH, AGGREGATOR taken from AS4_AGGREGATOR when AGGREGATOR holds AS_TRANS, and the AS4_*
     * attributes removed.
     */
    public static List<PathAttribute> fromOldSpeaker(List<PathAttribute> attributes) {
        Optional<As4Path> as4Path = find(attributes, As4Path.class);
        Optional<Aggregator> aggregator = find(attributes, Aggregator.class);
        Optional<As4Aggregator> as4Aggregator = find(attributes, As4Aggregator.class);
        // RFC 6793 §4.2.3: "if the AS number in the AGGREGATOR attribute is not AS_TRANS, then: the AS4_AGGREGATOR
        // attribute and the AS4_PATH attribute SHALL be ignored".
        boolean ignoreAs4 = aggregator.isPresent() && as4Aggregator.isPresent() && aggregator.get().asn() != AS_TRANS;
        List<PathAttribute> out = new ArrayList<>();
        for (PathAttribute a : attributes) {
            switch (a) {
                case As4Path p -> {
                }
                case As4Aggregator g -> {
                }
                case AsPath p when !ignoreAs4 && as4Path.isPresent() -> out.add(merge(p, as4Path.get()));
                case Aggregator g when !ignoreAs4 && as4Aggregator.isPresent() -> {
                    As4Aggregator g4 = as4Aggregator.get();
                    out.add(new Aggregator(g4.asn(), g4.address(), g.partial() || g4.partial()));
                }
                default -> out.add(a);
            }
        }
        return out;
    }

    /**
     * RFC 6793 §4.2.3: if AS_PATH has fewer AS numbers than AS4_PATH, AS4_PATH is ignored; otherwise take "as many
     * AS numbers and path segments as necessary from the leading part of the AS_PATH attribute" and prepend them
     * to AS4_PATH, keeping confederation segments that lead or adjoin a prepended segment.
     */
    static AsPath merge(AsPath asPath, As4Path as4Path) {
        int n2 = asPath.pathLength();
        int n4 = as4Path.segments().stream().mapToInt(AsPathSegment::pathLength).sum();
        if (n2 < n4) return asPath;
        int needed = n2 - n4;
        List<AsPathSegment> segments = asPath.segments();
        List<AsPathSegment> out = new ArrayList<>();
        int i = 0;
        boolean split = false;
        while (i < segments.size() && needed > 0) {
            AsPathSegment s = segments.get(i++);
            if (s.type() == AsPathSegment.Type.AS_SEQUENCE && s.asns().size() > needed) {
                out.add(new AsPathSegment(s.type(), s.asns().subList(0, needed)));
                split = true;
                break;
            }
            out.add(s);
            needed -= s.pathLength();
        }
        // Confederation segments right after the prepended part (or leading the path) are kept too.
        if (!split) while (i < segments.size() && segments.get(i).type().confederation()) out.add(segments.get(i++));
        for (AsPathSegment s : as4Path.segments()) {
            AsPathSegment last = out.isEmpty() ? null : out.getLast();
            if (last != null && last.type() == AsPathSegment.Type.AS_SEQUENCE && s.type() == AsPathSegment.Type.AS_SEQUENCE
                    && last.asns().size() + s.asns().size() <= 255) {
                List<Long> joined = new ArrayList<>(last.asns());
                joined.addAll(s.asns());
                out.set(out.size() - 1, new AsPathSegment(AsPathSegment.Type.AS_SEQUENCE, joined));
            } else {
                out.add(s);
            }
        }
        return new AsPath(out);
    }

    private static <T extends PathAttribute> Optional<T> find(List<PathAttribute> attributes, Class<T> kind) {
        return attributes.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }
}
