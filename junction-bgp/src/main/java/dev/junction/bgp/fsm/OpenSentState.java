package dev.junction.bgp.fsm;

import dev.junction.bgp.wire.ErrorCodes;
import dev.junction.bgp.wire.Notification;

/** RFC 4271 §8.2.2 OpenSent: our OPEN is out, the peer's is awaited. */
final class OpenSentState implements StateHandler {
    @Override
    public Transition handle(Fsm fsm, Event event) {
        return switch (event) {
            case Event.OpenReceived o -> fsm.processOpen(o.open());
            case Event.TcpConnected c -> fsm.collision.offer(fsm, c.connection());
            case Event.TimerExpired t when t.kind() == TimerKind.HOLD ->
                    fsm.fail(Reason.HOLD_TIMER_EXPIRED, new Notification(ErrorCodes.HOLD_TIMER_EXPIRED, 0), null);
            case Event.ConnectionClosed c -> {
                // Event 18: "closes the BGP connection, restarts the ConnectRetryTimer, continues to listen for a
                // connection ..., and changes its state to Active."
                fsm.dropConnection(Reason.TCP_FAILED, null, null);
                if (fsm.collision.present()) yield fsm.collision.promote(fsm, Reason.TCP_FAILED);
                if (!fsm.config.passive()) fsm.timers.start(TimerKind.CONNECT_RETRY, fsm.connectBackoff.next());
                yield Transition.to(State.ACTIVE, Reason.TCP_FAILED);
            }
            case Event.DecodeFailed d -> fsm.fail(d.error().code() == ErrorCodes.OPEN_MESSAGE ? Reason.OPEN_ERROR : Reason.DECODE_ERROR,
                    d.error().toNotification(), null);
            case Event.NotificationReceived n -> fsm.fail(Reason.NOTIFICATION_RECEIVED, null, n.notification());
            // RFC 6608 §4: any other message in OpenSent is an FSM Error, subcode 1.
            case Event.KeepaliveReceived k -> fsmError(fsm);
            case Event.UpdateReceived u -> fsmError(fsm);
            case Event.RouteRefreshReceived r -> fsmError(fsm);
            default -> fsm.stay(Reason.IGNORED);
        };
    }

    private static Transition fsmError(Fsm fsm) {
        return fsm.fail(Reason.FSM_ERROR, new Notification(ErrorCodes.FSM, ErrorCodes.FSM_UNEXPECTED_IN_OPEN_SENT), null);
    }
}
