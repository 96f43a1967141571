package dev.junction.bgp.fsm;

import dev.junction.bgp.wire.DecodeContext;
import dev.junction.bgp.wire.DecodeError;
import dev.junction.bgp.wire.DecodeResult;
import dev.junction.bgp.wire.Frame;
import dev.junction.bgp.wire.Keepalive;
import dev.junction.bgp.wire.MessageCodec;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.Open;
import dev.junction.bgp.wire.RouteRefresh;
import dev.junction.bgp.wire.Update;

/**
 * Turns a frame into an FSM event by decoding it with the context the session negotiated. Decoding happens on the
 * peer's own thread, not on the socket reader, so the context can never be stale: the FSM switches it while it
 * handles the OPEN, before the next frame is decoded.
 */
public final class FrameEvents {
    private FrameEvents() {
    }

    public static Event decode(Connection connection, Frame frame, DecodeContext ctx) {
        return switch (MessageCodec.decode(frame, ctx)) {
            case DecodeResult.Failure f -> new Event.DecodeFailed(connection, f.error());
            case DecodeResult.Ok ok -> switch (ok.message()) {
                case Open o -> new Event.OpenReceived(connection, o);
                case Update u -> new Event.UpdateReceived(connection, u, ok.problems());
                case Keepalive k -> new Event.KeepaliveReceived(connection);
                case Notification n -> new Event.NotificationReceived(connection, n);
                case RouteRefresh r -> new Event.RouteRefreshReceived(connection, r);
            };
        };
    }

    /** A Message Header Error from the framer (RFC 4271 §6.1): the stream cannot be resynchronised. */
    public static Event framingFailed(Connection connection, DecodeError error) {
        return new Event.DecodeFailed(connection, error);
    }
}
