package dev.junction.bgp.wire;

import java.util.Optional;

/**
 * Decodes frames into {@link BgpMessage}s and encodes messages into complete wire messages (header included).
 * Decoding never throws on input bytes; it returns a {@link DecodeResult}. Encoding throws
 * IllegalArgumentException for a message that cannot be sent as given (too long, 4-octet AS numbers on a 2-octet
 * session, more than one NLRI-carrying field); those are bugs in the caller.
 */
public final class MessageCodec {
    private MessageCodec() {
    }

    /** Decodes one frame, e.g. from {@link Framer#next()}. */
    public static DecodeResult decode(Frame frame, DecodeContext ctx) {
        try {
            return decodeStrict(frame, ctx);
        } catch (RuntimeException bug) {
            // Safety net only: the fuzz test drives decodeStrict and fails on any exception.
            int code = switch (frame.type()) {
                case OPEN -> ErrorCodes.OPEN_MESSAGE;
                case UPDATE -> ErrorCodes.UPDATE_MESSAGE;
                default -> ErrorCodes.MESSAGE_HEADER;
            };
            return new DecodeResult.Failure(DecodeError.reset(code, ErrorCodes.UNSPECIFIC, null, "decoder failure: " + bug));
        }
    }

    /** Decodes one whole message (header included); anything but exactly one message is a header error. */
    public static DecodeResult decode(byte[] message, DecodeContext ctx) {
        return switch (Framer.frame(message, ctx.extendedMessages())) {
            case FrameResult.Complete c -> decode(c.frame(), ctx);
            case FrameResult.Failed f -> new DecodeResult.Failure(f.error());
            case FrameResult.NeedMore n -> {
                byte[] lengthField = message.length >= 18 ? new byte[]{message[16], message[17]} : null;
                yield new DecodeResult.Failure(DecodeError.header(ErrorCodes.BAD_MESSAGE_LENGTH, lengthField,
                        "truncated message, " + n.missing() + " octets missing (RFC 4271 §6.1)"));
            }
        };
    }

    /** Like {@link #decode(Frame, DecodeContext)} without the safety net; exceptions here are decoder bugs. */
    static DecodeResult decodeStrict(Frame frame, DecodeContext ctx) {
        // A Frame can be built by hand, so the RFC 4271 §6.1 length checks are repeated here.
        Optional<DecodeError> header = Header.check(frame.type().code(), frame.length(), ctx.extendedMessages());
        if (header.isPresent()) return new DecodeResult.Failure(header.get());
        byte[] body = frame.bodyUnsafe();
        return switch (frame.type()) {
            case OPEN -> OpenCodec.decode(body);
            case UPDATE -> UpdateCodec.decode(body, ctx);
            case NOTIFICATION -> new DecodeResult.Ok(new Notification(body[0] & 0xFF, body[1] & 0xFF,
                    java.util.Arrays.copyOfRange(body, 2, body.length))); // RFC 4271 §4.5
            case KEEPALIVE -> new DecodeResult.Ok(Keepalive.INSTANCE); // RFC 4271 §4.4
            case ROUTE_REFRESH -> RouteRefreshCodec.decode(body);
        };
    }

    /** The complete message: marker, length, type and body (RFC 4271 §4.1). */
    public static byte[] encode(BgpMessage message, EncodeContext ctx) {
        WireWriter w = new WireWriter();
        for (int i = 0; i < Header.MARKER_LENGTH; i++) w.u8(0xFF);
        w.u16(0).u8(message.type().code());
        switch (message) {
            case Open o -> OpenCodec.encode(o, w);
            case Update u -> UpdateCodec.encode(u, w, ctx);
            case Notification n -> w.u8(n.code()).u8(n.subcode()).bytes(n.dataUnsafe());
            case Keepalive k -> {
            }
            case RouteRefresh r -> RouteRefreshCodec.encode(r, w);
        }
        int max = Header.maxLength(message.type(), ctx.extendedMessages());
        if (w.size() > max) {
            // RFC 4271 §4.1 and RFC 8654 §4: a sender "MUST limit the size of their payload" to the maximum.
            throw new IllegalArgumentException(message.type() + " of " + w.size() + " octets exceeds the maximum " + max);
        }
        w.putU16At(Header.MARKER_LENGTH, w.size());
        return w.toByteArray();
    }

    /** The largest message of this type the session may carry (RFC 4271 §4.1, RFC 8654 §4). */
    public static int maxLength(MessageType type, EncodeContext ctx) {
        return Header.maxLength(type, ctx.extendedMessages());
    }
}
