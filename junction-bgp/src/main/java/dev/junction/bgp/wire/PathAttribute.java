package dev.junction.bgp.wire;

import java.net.Inet4Address;
import java.util.List;

/**
 * A path attribute of an UPDATE (RFC 4271 §4.3, §5). Each recognised attribute is a small record; its flags and
 * codec live in {@link AttributeTable}. Optional transitive attributes carry the Partial bit as received
 * (RFC 4271 §5: once set by some AS it "MUST NOT be set back to 0"). Unrecognised optional attributes are
 * {@link UnknownAttribute}s.
 */
public sealed interface PathAttribute
        permits PathAttribute.Origin, PathAttribute.AsPath, PathAttribute.NextHop, PathAttribute.MultiExitDisc,
        PathAttribute.LocalPref, PathAttribute.AtomicAggregate, PathAttribute.Aggregator, PathAttribute.Communities,
        PathAttribute.OriginatorId, PathAttribute.ClusterList, MpReach, MpUnreach, PathAttribute.As4Path,
        PathAttribute.As4Aggregator, UnknownAttribute {

    // Attribute Flags (RFC 4271 §4.3).
    int OPTIONAL = 0x80;
    int TRANSITIVE = 0x40;
    int PARTIAL = 0x20;
    int EXTENDED_LENGTH = 0x10;

    // Type codes (IANA "BGP Path Attributes").
    int ORIGIN = 1;
    int AS_PATH = 2;
    int NEXT_HOP = 3;
    int MULTI_EXIT_DISC = 4;
    int LOCAL_PREF = 5;
    int ATOMIC_AGGREGATE = 6;
    int AGGREGATOR = 7;
    int COMMUNITIES = 8;
    int ORIGINATOR_ID = 9;
    int CLUSTER_LIST = 10;
    int MP_REACH_NLRI = 14;
    int MP_UNREACH_NLRI = 15;
    int AS4_PATH = 17;
    int AS4_AGGREGATOR = 18;

    int typeCode();

    /** The Partial bit (RFC 4271 §4.3); only optional transitive attributes can have it. */
    default boolean partial() {
        return false;
    }

    /** ORIGIN, type 1 (RFC 4271 §4.3, §5.1.1): 0 IGP, 1 EGP, 2 INCOMPLETE. */
    record Origin(int value) implements PathAttribute {
        public static final Origin IGP = new Origin(0);
        public static final Origin EGP = new Origin(1);
        public static final Origin INCOMPLETE = new Origin(2);

        public Origin {
            if (value < 0 || value > 2) throw new IllegalArgumentException("undefined ORIGIN " + value);
        }

        public int typeCode() {
            return ORIGIN;
        }
    }

    /** AS_PATH, type 2 (RFC 4271 §4.3, §5.1.2); 2- or 4-octet AS numbers per the session (RFC 6793 §4). */
    record AsPath(List<AsPathSegment> segments) implements PathAttribute {
        public static final AsPath EMPTY = new AsPath(List.of());

        public AsPath {
            segments = List.copyOf(segments);
        }

        public static AsPath sequence(long... asns) {
            return asns.length == 0 ? EMPTY : new AsPath(List.of(AsPathSegment.sequence(asns)));
        }

        public int typeCode() {
            return AS_PATH;
        }

        /** Path length for route selection (RFC 4271 §9.1.2.2 (a), RFC 5065 §5.3). */
        public int pathLength() {
            return segments.stream().mapToInt(AsPathSegment::pathLength).sum();
        }
    }

    /** NEXT_HOP, type 3 (RFC 4271 §4.3, §5.1.3). */
    record NextHop(Inet4Address address) implements PathAttribute {
        public NextHop {
            if (address == null) throw new IllegalArgumentException("address is required");
        }

        public static NextHop of(String ipv4) {
            return new NextHop(IpText.ipv4(ipv4));
        }

        public int typeCode() {
            return NEXT_HOP;
        }
    }

    /** MULTI_EXIT_DISC, type 4 (RFC 4271 §4.3, §5.1.4). */
    record MultiExitDisc(long value) implements PathAttribute {
        public MultiExitDisc {
            if (value < 0 || value > 0xFFFFFFFFL) throw new IllegalArgumentException("MED is 4 octets");
        }

        public int typeCode() {
            return MULTI_EXIT_DISC;
        }
    }

    /** LOCAL_PREF, type 5 (RFC 4271 §4.3, §5.1.5). */
    record LocalPref(long value) implements PathAttribute {
        public LocalPref {
            if (value < 0 || value > 0xFFFFFFFFL) throw new IllegalArgumentException("LOCAL_PREF is 4 octets");
        }

        public int typeCode() {
            return LOCAL_PREF;
        }
    }

    /** ATOMIC_AGGREGATE, type 6, empty (RFC 4271 §4.3, §5.1.6). */
    record AtomicAggregate() implements PathAttribute {
        public int typeCode() {
            return ATOMIC_AGGREGATE;
        }
    }

    /** AGGREGATOR, type 7: AS (2 or 4 octets per the session, RFC 6793 §4) and BGP Identifier (RFC 4271 §5.1.7). */
    record Aggregator(long asn, Inet4Address address, boolean partial) implements PathAttribute {
        public Aggregator {
            if (asn < 0 || asn > 0xFFFFFFFFL || address == null) throw new IllegalArgumentException("bad AGGREGATOR");
        }

        public Aggregator(long asn, Inet4Address address) {
            this(asn, address, false);
        }

        public int typeCode() {
            return AGGREGATOR;
        }
    }

    /** COMMUNITIES, type 8: 4-octet values (RFC 1997). */
    record Communities(List<Long> values, boolean partial) implements PathAttribute {
        public static final long NO_EXPORT = 0xFFFFFF01L;
        public static final long NO_ADVERTISE = 0xFFFFFF02L;
        public static final long NO_EXPORT_SUBCONFED = 0xFFFFFF03L;

        public Communities {
            values = List.copyOf(values);
            if (values.isEmpty()) throw new IllegalArgumentException("COMMUNITIES holds at least one value (RFC 7606 §7.8)");
            for (long v : values) if (v < 0 || v > 0xFFFFFFFFL) throw new IllegalArgumentException("community is 4 octets");
        }

        public Communities(List<Long> values) {
            this(values, false);
        }

        /** The community {@code asn:value} (RFC 1997 "Community Attribute"). */
        public static long of(int asn, int value) {
            return ((long) (asn & 0xFFFF) << 16) | (value & 0xFFFF);
        }

        public int typeCode() {
            return COMMUNITIES;
        }
    }

    /** ORIGINATOR_ID, type 9 (RFC 4456 §8). */
    record OriginatorId(Inet4Address id) implements PathAttribute {
        public OriginatorId {
            if (id == null) throw new IllegalArgumentException("id is required");
        }

        public int typeCode() {
            return ORIGINATOR_ID;
        }
    }

    /** CLUSTER_LIST, type 10: CLUSTER_IDs, most recent first (RFC 4456 §8). */
    record ClusterList(List<Inet4Address> ids) implements PathAttribute {
        public ClusterList {
            ids = List.copyOf(ids);
            if (ids.isEmpty()) throw new IllegalArgumentException("CLUSTER_LIST holds at least one id (RFC 7606 §7.10)");
        }

        public int typeCode() {
            return CLUSTER_LIST;
        }
    }

    /** AS4_PATH, type 17: AS_PATH with 4-octet AS numbers, only between 2-octet sessions (RFC 6793 §3, §4.2). */
    record As4Path(List<AsPathSegment> segments, boolean partial) implements PathAttribute {
        public As4Path {
            segments = List.copyOf(segments);
            // RFC 7606 §4: only AS_PATH and ATOMIC_AGGREGATE may be empty.
            if (segments.isEmpty()) throw new IllegalArgumentException("AS4_PATH holds at least one segment");
        }

        public As4Path(List<AsPathSegment> segments) {
            this(segments, false);
        }

        public int typeCode() {
            return AS4_PATH;
        }
    }

    /** AS4_AGGREGATOR, type 18: 4-octet AS and BGP Identifier (RFC 6793 §3). */
    record As4Aggregator(long asn, Inet4Address address, boolean partial) implements PathAttribute {
        public As4Aggregator {
            if (asn < 0 || asn > 0xFFFFFFFFL || address == null) throw new IllegalArgumentException("bad AS4_AGGREGATOR");
        }

        public As4Aggregator(long asn, Inet4Address address) {
            this(asn, address, false);
        }

        public int typeCode() {
            return AS4_AGGREGATOR;
        }
    }
}
