package dev.junction.bgp.wire;

/**
 * What the session negotiated, as far as encoding depends on it.
 *
 * @param fourOctetAs      AS_PATH and AGGREGATOR use 4-octet AS numbers and AS4_* must not be sent (RFC 6793 §4.1);
 *                         otherwise use {@link As4#toOldSpeaker} first (RFC 6793 §4.2.2)
 * @param extendedMessages messages other than OPEN and KEEPALIVE may be up to 65535 octets (RFC 8654 §4)
 */
public record EncodeContext(boolean fourOctetAs, boolean extendedMessages) {
    public static final EncodeContext FOUR_OCTET = new EncodeContext(true, false);
    public static final EncodeContext TWO_OCTET = new EncodeContext(false, false);

    /** The encode side of a decode context. */
    public static EncodeContext of(DecodeContext ctx) {
        return new EncodeContext(ctx.fourOctetAs(), ctx.extendedMessages());
    }
}
