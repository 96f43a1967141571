package dev.junction.bgp.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Cuts complete messages out of a TCP byte stream (RFC 4271 §4.1), like Netty's length-field frame decoder.
 * Feed it whatever the socket returned, then call {@link #next()} until it says {@link FrameResult.NeedMore}.
 * Header errors (RFC 4271 §6.1) come back as {@link FrameResult.Failed} values and stick: after a bad header the
 * stream cannot be resynchronised. Not thread-safe; one framer per connection, owned by the reading thread.
 */
public final class Framer {
    private byte[] buf = new byte[Header.MAX_LENGTH];
    private int start;
    private int end;
    private boolean extendedMessages;
    private FrameResult.Failed failed;

    /**
     * Allows UPDATE, NOTIFICATION and ROUTE-REFRESH messages up to 65535 octets once both sides advertised the
     * Extended Message capability (RFC 8654 §4); until then the limit is 4096 (RFC 4271 §4.1).
     */
    public void extendedMessages(boolean enabled) {
        this.extendedMessages = enabled;
    }

    /** Copies all remaining octets of {@code data} into the framer; {@code data}'s position moves to its limit. */
    public void feed(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) return;
        if (end + n > buf.length) {
            int live = end - start;
            if (live + n <= buf.length) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                byte[] bigger = new byte[Math.max(buf.length * 2, live + n)];
                System.arraycopy(buf, start, bigger, 0, live);
                buf = bigger;
            }
            start = 0;
            end = live;
        }
        data.get(buf, end, n);
        end += n;
    }

    /** Octets fed but not yet returned as frames. */
    public int buffered() {
        return end - start;
    }

    /** The next complete frame, a request for more data, or the (sticky) header error. */
    public FrameResult next() {
        if (failed != null) return failed;
        int live = end - start;
        if (live < Header.LENGTH) return new FrameResult.NeedMore(Header.LENGTH - live);
        Optional<DecodeError> error = checkHeader(buf, start, extendedMessages);
        if (error.isPresent()) {
            failed = new FrameResult.Failed(error.get());
            return failed;
        }
        int length = ((buf[start + 16] & 0xFF) << 8) | (buf[start + 17] & 0xFF);
        if (live < length) return new FrameResult.NeedMore(length - live);
        MessageType type = MessageType.of(buf[start + 18] & 0xFF).orElseThrow();
        Frame frame = new Frame(type, Arrays.copyOfRange(buf, start + Header.LENGTH, start + length));
        start += length;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return new FrameResult.Complete(frame);
    }

    /** Frames exactly one whole message, e.g. one produced by {@link MessageCodec#encode}; trailing octets fail. */
    public static FrameResult frame(byte[] message, boolean extendedMessages) {
        Framer f = new Framer();
        f.extendedMessages(extendedMessages);
        f.feed(ByteBuffer.wrap(message));
        FrameResult r = f.next();
        if (r instanceof FrameResult.Complete && f.buffered() != 0) {
            int length = message.length;
            return new FrameResult.Failed(DecodeError.header(ErrorCodes.BAD_MESSAGE_LENGTH,
                    new byte[]{message[16], message[17]}, "trailing octets after the message (" + length + " supplied)"));
        }
        return r;
    }

    /** RFC 4271 §6.1 checks on the 19 header octets at {@code off}. */
    static Optional<DecodeError> checkHeader(byte[] b, int off, boolean extendedMessages) {
        for (int i = 0; i < Header.MARKER_LENGTH; i++) {
            // RFC 4271 §6.1: "If the Marker field of the message header is not as expected, then a synchronization
            // error has occurred and the Error Subcode MUST be set to Connection Not Synchronized."
            if (b[off + i] != (byte) 0xFF) {
                return Optional.of(DecodeError.header(ErrorCodes.CONNECTION_NOT_SYNCHRONIZED, null,
                        "marker is not all ones (RFC 4271 §4.1, §6.1)"));
            }
        }
        int length = ((b[off + 16] & 0xFF) << 8) | (b[off + 17] & 0xFF);
        return Header.check(b[off + 18] & 0xFF, length, extendedMessages);
    }
}
