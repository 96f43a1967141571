package dev.junction.bgp.fsm;

import dev.junction.bgp.wire.ErrorCodes;
import dev.junction.bgp.wire.Notification;

/** RFC 4271 §8.2.2 OpenConfirm: OPENs exchanged, our KEEPALIVE sent, the peer's awaited. */
final class OpenConfirmState implements StateHandler {
    @Override
    public Transition handle(Fsm fsm, Event event) {
        return switch (event) {
            case Event.KeepaliveReceived k -> {
                // Event 26: "restarts the HoldTimer and changes its state to Established".
                fsm.restartHold();
                yield Transition.to(State.ESTABLISHED, Reason.KEEPALIVE_RECEIVED);
            }
            case Event.TimerExpired t when t.kind() == TimerKind.KEEPALIVE -> {
                fsm.sendKeepalive();
                yield fsm.stay(Reason.KEEPALIVE_TIMER_EXPIRED);
            }
            case Event.TimerExpired t when t.kind() == TimerKind.HOLD ->
                    fsm.fail(Reason.HOLD_TIMER_EXPIRED, new Notification(ErrorCodes.HOLD_TIMER_EXPIRED, 0), null);
            case Event.TcpConnected c -> fsm.collision.offer(fsm, c.connection());
            case Event.ConnectionClosed c -> fsm.fail(Reason.TCP_FAILED, null, null);
            case Event.DecodeFailed d -> fsm.fail(Reason.DECODE_ERROR, d.error().toNotification(), null);
            case Event.NotificationReceived n -> fsm.fail(Reason.NOTIFICATION_RECEIVED, null, n.notification());
            // RFC 6608 §4: a second OPEN on the same connection, or an UPDATE, is an FSM Error, subcode 2.
            case Event.OpenReceived o -> fsmError(fsm);
            case Event.UpdateReceived u -> fsmError(fsm);
            case Event.RouteRefreshReceived r -> fsmError(fsm);
            default -> fsm.stay(Reason.IGNORED);
        };
    }

    private static Transition fsmError(Fsm fsm) {
        return fsm.fail(Reason.FSM_ERROR, new Notification(ErrorCodes.FSM, ErrorCodes.FSM_UNEXPECTED_IN_OPEN_CONFIRM), null);
    }
}
