package dev.junction.bgp.fsm;

/**
 * RFC 4271 §8.2.2 Connect and Active: no connection yet. Connect has an outbound attempt in progress; Active waits
 * for an inbound connection or the next ConnectRetry. Whichever connection arrives first becomes the session's.
 */
final class ConnectingStates implements StateHandler {
    @Override
    public Transition handle(Fsm fsm, Event event) {
        return switch (event) {
            case Event.TimerExpired t when t.kind() == TimerKind.CONNECT_RETRY -> {
                // Connect and Active, event 9: drop the attempt, restart the timer, connect again.
                if (fsm.config.passive()) yield fsm.stay(Reason.IGNORED);
                fsm.connectOut();
                yield Transition.to(State.CONNECT, Reason.CONNECT_RETRY_EXPIRED);
            }
            // Events 16 and 17: "stops the ConnectRetryTimer ..., sends an OPEN message ..., sets the HoldTimer to a
            // large value, and changes its state to OpenSent." A late outbound connection is as good as any.
            case Event.TcpConnected c -> fsm.acceptConnection(c.connection(), Reason.TCP_CONNECTED);
            case Event.ConnectFailed f when f.attempt() == fsm.attempt -> {
                // Event 18. Deviation: wait in Active for the (still running, backed-off) ConnectRetry timer rather
                // than go to Idle, so that inbound connections are still accepted meanwhile.
                fsm.attempt = 0;
                yield Transition.to(State.ACTIVE, Reason.TCP_FAILED);
            }
            default -> fsm.stay(Reason.IGNORED);
        };
    }
}
