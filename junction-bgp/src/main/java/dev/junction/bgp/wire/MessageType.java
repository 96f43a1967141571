package dev.junction.bgp.wire;

import java.util.Optional;

/** BGP message types (RFC 4271 §4.1; ROUTE-REFRESH from RFC 2918 §3). */
public enum MessageType {
    OPEN(1, 29),
    UPDATE(2, 23),
    NOTIFICATION(3, 21),
    KEEPALIVE(4, 19),
    ROUTE_REFRESH(5, 23);

    private final int code;
    private final int minLength;

    MessageType(int code, int minLength) {
        this.code = code;
        this.minLength = minLength;
    }

    public int code() {
        return code;
    }

    /** Smallest valid total length including the 19-octet header (RFC 4271 §4.2–4.4, §6.1; RFC 2918 §3). */
    public int minLength() {
        return minLength;
    }

    public static Optional<MessageType> of(int code) {
        return code >= 1 && code <= 5 ? Optional.of(values()[code - 1]) : Optional.empty();
    }
}
