package dev.junction.bgp.wire;

import java.util.Optional;

/** The 19-octet message header (RFC 4271 §4.1) and its checks (RFC 4271 §6.1, RFC 8654 §4–§6). */
public final class Header {
    private Header() {
    }

    public static final int MARKER_LENGTH = 16;
    /** Header length: marker, 2-octet length, 1-octet type (RFC 4271 §4.1). */
    public static final int LENGTH = 19;
    /** Largest message without extended messages (RFC 4271 §4.1). */
    public static final int MAX_LENGTH = 4096;
    /** Largest message once the Extended Message capability is negotiated (RFC 8654 §4). */
    public static final int EXTENDED_MAX_LENGTH = 65535;

    /** Largest permitted length of a message of this type (RFC 8654 §4: OPEN and KEEPALIVE stay at 4096). */
    public static int maxLength(MessageType type, boolean extendedMessages) {
        return extendedMessages && type != MessageType.OPEN && type != MessageType.KEEPALIVE ? EXTENDED_MAX_LENGTH : MAX_LENGTH;
    }

    /**
     * The Bad Message Type or Bad Message Length error for a header's type and length fields, if any
     * (RFC 4271 §6.1: "if the Length field ... is less than 19 or greater than 4096, or if the Length field of an
     * OPEN message is less than the minimum length of the OPEN message, or if the Length field of an UPDATE message
     * is less than the minimum length of the UPDATE message, or if the Length field of a KEEPALIVE message is not
     * equal to 19, or if the Length field of a NOTIFICATION message is less than the minimum length of the
     * NOTIFICATION message"; "The Data field MUST contain the erroneous Length field"; for an unrecognized Type
     * "The Data field MUST contain the erroneous Type field").
     */
    static Optional<DecodeError> check(int typeCode, int length, boolean extendedMessages) {
        byte[] lengthField = {(byte) (length >>> 8), (byte) length};
        int absoluteMax = extendedMessages ? EXTENDED_MAX_LENGTH : MAX_LENGTH;
        if (length < LENGTH || length > absoluteMax) {
            return Optional.of(DecodeError.header(ErrorCodes.BAD_MESSAGE_LENGTH, lengthField,
                    "message length " + length + " outside " + LENGTH + ".." + absoluteMax + " (RFC 4271 §6.1, RFC 8654 §4)"));
        }
        Optional<MessageType> type = MessageType.of(typeCode);
        if (type.isEmpty()) {
            return Optional.of(DecodeError.header(ErrorCodes.BAD_MESSAGE_TYPE, new byte[]{(byte) typeCode},
                    "unrecognized message type " + typeCode + " (RFC 4271 §6.1)"));
        }
        MessageType t = type.get();
        boolean tooShort = t == MessageType.KEEPALIVE ? length != LENGTH : length < t.minLength();
        if (tooShort || length > maxLength(t, extendedMessages)) {
            return Optional.of(DecodeError.header(ErrorCodes.BAD_MESSAGE_LENGTH, lengthField,
                    "length " + length + " invalid for " + t + " (RFC 4271 §6.1, RFC 8654 §4)"));
        }
        return Optional.empty();
    }
}
