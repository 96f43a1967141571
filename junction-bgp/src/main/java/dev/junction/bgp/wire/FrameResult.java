package dev.junction.bgp.wire;

/** What {@link Framer#next()} found at the head of the stream. */
public sealed interface FrameResult {
    /** A complete message. */
    record Complete(Frame frame) implements FrameResult {
    }

    /** Not enough octets yet; at least {@code missing} more are needed. */
    record NeedMore(int missing) implements FrameResult {
    }

    /**
     * A Message Header Error (RFC 4271 §6.1). The stream cannot be resynchronised, so the framer keeps returning
     * this result; the session must be reset with {@code error().toNotification()}.
     */
    record Failed(DecodeError error) implements FrameResult {
    }
}
