package dev.junction.bgp.wire;

import java.util.List;
import java.util.Optional;

/**
 * One AS_PATH or AS4_PATH segment (RFC 4271 §4.3 "AS_PATH"; confederation types from RFC 5065 §3). AS numbers
 * are unsigned 32-bit values held in {@code long}s. A segment is never empty: a zero Path Segment Length is
 * malformed (RFC 7606 §7.2). Segments longer than 255 are split by the encoder.
 */
public record AsPathSegment(Type type, List<Long> asns) {
    public enum Type {
        AS_SET(1),
        AS_SEQUENCE(2),
        AS_CONFED_SEQUENCE(3),
        AS_CONFED_SET(4);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public boolean confederation() {
            return this == AS_CONFED_SEQUENCE || this == AS_CONFED_SET;
        }

        public static Optional<Type> of(int code) {
            return code >= 1 && code <= 4 ? Optional.of(values()[code - 1]) : Optional.empty();
        }
    }

    public AsPathSegment {
        if (type == null) throw new IllegalArgumentException("type is required");
        asns = List.copyOf(asns);
        if (asns.isEmpty()) throw new IllegalArgumentException("a path segment holds at least one AS (RFC 7606 §7.2)");
        for (long a : asns) if (a < 0 || a > 0xFFFFFFFFL) throw new IllegalArgumentException("AS out of range: " + a);
    }

    public static AsPathSegment sequence(long... asns) {
        return new AsPathSegment(Type.AS_SEQUENCE, java.util.Arrays.stream(asns).boxed().toList());
    }

    public static AsPathSegment set(long... asns) {
        return new AsPathSegment(Type.AS_SET, java.util.Arrays.stream(asns).boxed().toList());
    }

    /**
     * This segment's contribution to the AS path length: an AS_SET counts as one (RFC 4271 §9.1.2.2 (a)),
     * confederation segments count zero (RFC 5065 §5.3).
     */
    public int pathLength() {
        return switch (type) {
            case AS_SET -> 1;
            case AS_SEQUENCE -> asns.size();
            case AS_CONFED_SEQUENCE, AS_CONFED_SET -> 0;
        };
    }
}
