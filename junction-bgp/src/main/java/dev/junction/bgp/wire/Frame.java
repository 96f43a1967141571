package dev.junction.bgp.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One complete message as cut from the byte stream: its type and the octets after the 19-octet header
 * (RFC 4271 §4.1). The header's length field is {@code 19 + body.length}.
 */
public record Frame(MessageType type, byte[] body) {
    public Frame {
        if (type == null || body == null) throw new IllegalArgumentException("type and body are required");
        body = body.clone();
    }

    /** The value of the header's Length field. */
    public int length() {
        return Header.LENGTH + body.length;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    byte[] bodyUnsafe() {
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.type == type && Arrays.equals(f.body, body);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Frame[" + type + " " + HexFormat.of().formatHex(body) + "]";
    }
}
