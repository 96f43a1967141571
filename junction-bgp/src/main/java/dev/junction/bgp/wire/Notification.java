package dev.junction.bgp.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * NOTIFICATION: error code, subcode and data (RFC 4271 §4.5). Helpers build and read the RFC 8538 Hard Reset
 * wrapper and the RFC 9003 Shutdown Communication.
 */
public record Notification(int code, int subcode, byte[] data) implements BgpMessage {
    /** Longest Shutdown Communication in octets (RFC 9003 §2). */
    public static final int MAX_SHUTDOWN_COMMUNICATION = 255;

    public Notification {
        if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
            throw new IllegalArgumentException("code/subcode out of range: " + code + "/" + subcode);
        }
        data = data == null ? new byte[0] : data.clone();
    }

    public Notification(int code, int subcode) {
        this(code, subcode, null);
    }

    @Override
    public MessageType type() {
        return MessageType.NOTIFICATION;
    }

    /**
     * Cease / Hard Reset wrapping another NOTIFICATION (RFC 8538 §3.1: the Data field carries the encapsulated
     * "ErrCode", "Subcode" and "Data"), telling a graceful-restart peer not to retain routes.
     */
    public static Notification hardReset(Notification cause) {
        byte[] d = new byte[2 + cause.data.length];
        d[0] = (byte) cause.code;
        d[1] = (byte) cause.subcode;
        System.arraycopy(cause.data, 0, d, 2, cause.data.length);
        return new Notification(ErrorCodes.CEASE, ErrorCodes.CEASE_HARD_RESET, d);
    }

    /** The NOTIFICATION encapsulated by a Hard Reset (RFC 8538 §3.1), if this is one with at least two data octets. */
    public Optional<Notification> hardResetCause() {
        if (code != ErrorCodes.CEASE || subcode != ErrorCodes.CEASE_HARD_RESET || data.length < 2) return Optional.empty();
        return Optional.of(new Notification(data[0] & 0xFF, data[1] & 0xFF, Arrays.copyOfRange(data, 2, data.length)));
    }

    /** True for Cease / Hard Reset (RFC 8538 §3): the peer must not retain this session's routes. */
    public boolean isHardReset() {
        return code == ErrorCodes.CEASE && subcode == ErrorCodes.CEASE_HARD_RESET;
    }

    /**
     * Cease / Administrative Shutdown or Administrative Reset with a Shutdown Communication (RFC 9003 §2: one
     * length octet, then at most 255 octets of UTF-8).
     */
    public static Notification shutdown(int subcode, String message) {
        if (subcode != ErrorCodes.CEASE_ADMINISTRATIVE_SHUTDOWN && subcode != ErrorCodes.CEASE_ADMINISTRATIVE_RESET) {
            throw new IllegalArgumentException("Shutdown Communication only fits subcodes 2 and 4 (RFC 9003 §2)");
        }
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        if (text.length > MAX_SHUTDOWN_COMMUNICATION) {
            throw new IllegalArgumentException("Shutdown Communication is " + text.length + " octets, at most 255 (RFC 9003 §2)");
        }
        byte[] d = new byte[1 + text.length];
        d[0] = (byte) text.length;
        System.arraycopy(text, 0, d, 1, text.length);
        return new Notification(ErrorCodes.CEASE, subcode, d);
    }

    /**
     * The Shutdown Communication, if this is Cease 2 or 4 with a well-formed one. RFC 9003 §4: an invalid length
     * or invalid UTF-8 is logged, not treated as an error, so it simply yields empty here.
     */
    public Optional<String> shutdownCommunication() {
        if (code != ErrorCodes.CEASE || data.length < 1) return Optional.empty();
        if (subcode != ErrorCodes.CEASE_ADMINISTRATIVE_SHUTDOWN && subcode != ErrorCodes.CEASE_ADMINISTRATIVE_RESET) {
            return Optional.empty();
        }
        int len = data[0] & 0xFF;
        if (len > data.length - 1) return Optional.empty();
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, 1, len)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    byte[] dataUnsafe() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Notification n && n.code == code && n.subcode == subcode && Arrays.equals(n.data, data);
    }

    @Override
    public int hashCode() {
        return (code * 256 + subcode) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Notification[" + code + "/" + subcode + (data.length == 0 ? "" : " " + HexFormat.of().formatHex(data)) + "]";
    }
}
