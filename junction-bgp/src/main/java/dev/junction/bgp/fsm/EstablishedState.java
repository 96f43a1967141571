package dev.junction.bgp.fsm;

import dev.junction.bgp.wire.As4;
import dev.junction.bgp.wire.DecodeError;
import dev.junction.bgp.wire.ErrorCodes;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.RouteRefresh;
import dev.junction.bgp.wire.Update;
import dev.junction.bgp.wire.UpdateChecks;

import java.util.ArrayList;
import java.util.List;

/** RFC 4271 §8.2.2 Established: UPDATEs flow; KEEPALIVE and UPDATE restart the Hold timer. */
final class EstablishedState implements StateHandler {
    @Override
    public Transition handle(Fsm fsm, Event event) {
        return switch (event) {
            case Event.KeepaliveReceived k -> {
                fsm.restartHold();
                yield fsm.stay(Reason.KEEPALIVE_RECEIVED);
            }
            case Event.UpdateReceived u -> {
                fsm.restartHold();
                fsm.actions.updateReceived(u.update(), problems(fsm, u));
                yield fsm.stay(Reason.UPDATE_RECEIVED);
            }
            case Event.RouteRefreshReceived r -> {
                RouteRefresh rr = r.refresh();
                // RFC 2918 §4: a family not advertised at session establishment "shall" be ignored; subtypes other
                // than a normal request need Enhanced Route Refresh, which we do not advertise (RFC 7313 §5).
                if (fsm.negotiated.routeRefresh() && fsm.negotiated.families().contains(rr.family()) && rr.subtype() == RouteRefresh.NORMAL) {
                    fsm.actions.routeRefreshReceived(rr);
                }
                yield fsm.stay(Reason.IGNORED);
            }
            case Event.TimerExpired t when t.kind() == TimerKind.KEEPALIVE -> {
                fsm.sendKeepalive();
                yield fsm.stay(Reason.KEEPALIVE_TIMER_EXPIRED);
            }
            case Event.TimerExpired t when t.kind() == TimerKind.HOLD ->
                    fsm.fail(Reason.HOLD_TIMER_EXPIRED, new Notification(ErrorCodes.HOLD_TIMER_EXPIRED, 0), null);
            case Event.TcpConnected c -> fsm.collision.offer(fsm, c.connection());
            case Event.ConnectionClosed c -> fsm.fail(Reason.TCP_FAILED, null, null);
            // Event 28 (UpdateMsgErr) and 21: the RFC 7606 session-reset approach.
            case Event.DecodeFailed d -> fsm.fail(Reason.DECODE_ERROR, d.error().toNotification(), null);
            case Event.NotificationReceived n -> fsm.fail(Reason.NOTIFICATION_RECEIVED, null, n.notification());
            // RFC 6608 §4: an OPEN on the Established connection is an FSM Error, subcode 3.
            case Event.OpenReceived o -> fsm.fail(Reason.FSM_ERROR,
                    new Notification(ErrorCodes.FSM, ErrorCodes.FSM_UNEXPECTED_IN_ESTABLISHED), null);
            default -> fsm.stay(Reason.IGNORED);
        };
    }

    /**
     * The decoder's problems plus the leftmost-AS check for external peers (RFC 4271 §6.3 "MAY check"; RFC 7606
     * §7.2 says treat-as-withdraw). On a 2-octet session the AS_PATH is first merged with AS4_PATH (RFC 6793 §4.2.3).
     */
    private static List<DecodeError> problems(Fsm fsm, Event.UpdateReceived u) {
        if (!fsm.negotiated.external() || !fsm.config.enforceFirstAs()) return u.problems();
        Update update = u.update();
        if (!fsm.negotiated.fourOctetAs()) {
            update = new Update(update.withdrawn(), As4.fromOldSpeaker(update.attributes()), update.nlri());
        }
        List<DecodeError> out = new ArrayList<>(u.problems());
        UpdateChecks.leftmostAs(update, fsm.config.peerAsn()).ifPresent(out::add);
        return out;
    }
}
