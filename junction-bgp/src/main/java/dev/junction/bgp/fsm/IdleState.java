package dev.junction.bgp.fsm;

/** RFC 4271 §8.2.2 Idle: refuse connections, wait for ManualStart or the IdleHold timer (automatic start). */
final class IdleState implements StateHandler {
    @Override
    public Transition handle(Fsm fsm, Event event) {
        return switch (event) {
            case Event.ManualStart s -> fsm.start(Reason.MANUAL_START);
            case Event.TimerExpired t when t.kind() == TimerKind.IDLE_HOLD && fsm.started -> fsm.start(Reason.AUTOMATIC_START);
            case Event.TcpConnected c -> {
                // "the local system refuses all incoming BGP connections" in Idle; a late outbound one goes too.
                fsm.actions.close(c.connection());
                yield fsm.stay(Reason.IGNORED);
            }
            default -> fsm.stay(Reason.IGNORED);
        };
    }
}
