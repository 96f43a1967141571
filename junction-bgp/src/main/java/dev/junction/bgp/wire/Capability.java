package dev.junction.bgp.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A capability from the Capabilities optional parameter of OPEN (RFC 5492 §4). Recognised ones are typed;
 * everything else is kept as {@link Unknown} with its raw value so that it can be logged or re-sent unchanged.
 */
public sealed interface Capability {
    int MULTIPROTOCOL = 1;
    int ROUTE_REFRESH = 2;
    int EXTENDED_MESSAGE = 6;
    int GRACEFUL_RESTART = 64;
    int FOUR_OCTET_AS = 65;
    int ENHANCED_ROUTE_REFRESH = 70;

    /** Capability Code (RFC 5492 §4). */
    int code();

    /** Multiprotocol Extensions, code 1: AFI, reserved octet, SAFI (RFC 4760 §8). */
    record Multiprotocol(AfiSafi family) implements Capability {
        public Multiprotocol {
            if (family == null) throw new IllegalArgumentException("family is required");
        }

        public int code() {
            return MULTIPROTOCOL;
        }
    }

    /** Route Refresh, code 2, empty value (RFC 2918 §2). */
    record RouteRefreshCapability() implements Capability {
        public int code() {
            return ROUTE_REFRESH;
        }
    }

    /** Extended Message, code 6, empty value (RFC 8654 §3). */
    record ExtendedMessageCapability() implements Capability {
        public int code() {
            return EXTENDED_MESSAGE;
        }
    }

    /** Support for 4-octet AS numbers, code 65: the speaker's AS (RFC 6793 §3). */
    record FourOctetAs(long asn) implements Capability {
        public FourOctetAs {
            if (asn < 0 || asn > 0xFFFFFFFFL) throw new IllegalArgumentException("AS out of range: " + asn);
        }

        public int code() {
            return FOUR_OCTET_AS;
        }
    }

    /** Enhanced Route Refresh, code 70, empty value (RFC 7313 §3.1). */
    record EnhancedRouteRefreshCapability() implements Capability {
        public int code() {
            return ENHANCED_ROUTE_REFRESH;
        }
    }

    /**
     * Graceful Restart, code 64 (RFC 4724 §3): 4 bits of Restart Flags, a 12-bit Restart Time in seconds, and per
     * AFI/SAFI the flags octet whose top bit is Forwarding State. Flags are kept whole, reserved bits included.
     */
    record GracefulRestart(int restartFlags, int restartTime, List<Family> families) implements Capability {
        /** Restart State, the top Restart Flags bit (RFC 4724 §3). */
        public static final int RESTART_STATE = 0x8;
        /** Notification support, the next bit (RFC 8538 §2, "N"). */
        public static final int NOTIFICATION = 0x4;
        /** Forwarding State, the top per-family flags bit (RFC 4724 §3). */
        public static final int FORWARDING_STATE = 0x80;
        /** Largest Restart Time (12 bits, RFC 4724 §3). */
        public static final int MAX_RESTART_TIME = 4095;

        public GracefulRestart {
            if (restartFlags < 0 || restartFlags > 0xF) throw new IllegalArgumentException("restart flags are 4 bits");
            if (restartTime < 0 || restartTime > MAX_RESTART_TIME) throw new IllegalArgumentException("restart time is 12 bits");
            families = List.copyOf(families);
        }

        public int code() {
            return GRACEFUL_RESTART;
        }

        public boolean restartState() {
            return (restartFlags & RESTART_STATE) != 0;
        }

        public boolean notification() {
            return (restartFlags & NOTIFICATION) != 0;
        }

        /** Per-AFI/SAFI entry (RFC 4724 §3). */
        public record Family(AfiSafi family, int flags) {
            public Family {
                if (family == null) throw new IllegalArgumentException("family is required");
                if (flags < 0 || flags > 0xFF) throw new IllegalArgumentException("flags are one octet");
            }

            public static Family of(AfiSafi family, boolean forwardingState) {
                return new Family(family, forwardingState ? FORWARDING_STATE : 0);
            }

            public boolean forwardingState() {
                return (flags & FORWARDING_STATE) != 0;
            }
        }
    }

    /** Any other capability, value kept verbatim (RFC 5492 §3: unknown capabilities are ignored, not errors). */
    record Unknown(int code, byte[] value) implements Capability {
        public Unknown {
            if (code < 0 || code > 255) throw new IllegalArgumentException("capability code out of range: " + code);
            if (value.length > 255) throw new IllegalArgumentException("capability value longer than 255 octets");
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.code == code && Arrays.equals(u.value, value);
        }

        @Override
        public int hashCode() {
            return code * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Unknown[code=" + code + ", value=" + HexFormat.of().formatHex(value) + "]";
        }
    }
}
