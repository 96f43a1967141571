package dev.junction.bgp.fsm;

import dev.junction.bgp.wire.DecodeError;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.Open;
import dev.junction.bgp.wire.RouteRefresh;
import dev.junction.bgp.wire.Update;

import java.util.List;

/**
 * The inputs of the FSM, after RFC 4271 §8.1 (event numbers in the comments). Message events come from
 * {@link FrameEvents}, which decodes frames with the session's negotiated {@link dev.junction.bgp.wire.DecodeContext}.
 * Optional events the FSM does not implement (DelayOpen, §8.1.1 options other than passive and damping) have no
 * type here.
 */
public sealed interface Event {

    /** ManualStart (1) or ManualStart_with_PassiveTcpEstablishment (4), per {@link FsmConfig#passive()}. */
    record ManualStart() implements Event {
    }

    /** ManualStop (2): send {@code notification} (normally Cease) on any open connection and stay Idle. */
    record ManualStop(Notification notification) implements Event {
    }

    /** ConnectRetryTimer_Expires (9), HoldTimer_Expires (10), KeepaliveTimer_Expires (11), IdleHoldTimer_Expires (13). */
    record TimerExpired(TimerKind kind, long generation) implements Event {
    }

    /**
     * Tcp_CR_Acked (16) for an outbound connection, TcpConnectionConfirmed (17) for an inbound one.
     * {@code attempt} is the id passed to {@link FsmActions#connect} for outbound connections, -1 for inbound.
     */
    record TcpConnected(Connection connection, long attempt) implements Event {
    }

    /** TcpConnectionFails (18) for an outbound attempt that never connected. */
    record ConnectFailed(long attempt, String why) implements Event {
    }

    /** TcpConnectionFails (18) for an established connection: closed by the peer, reset, or an I/O error. */
    record ConnectionClosed(Connection connection, String why) implements Event {
    }

    /** BGPOpen (19). */
    record OpenReceived(Connection connection, Open open) implements Event {
    }

    /** KeepAliveMsg (26). */
    record KeepaliveReceived(Connection connection) implements Event {
    }

    /** UpdateMsg (27); {@code problems} are the RFC 7606 errors weaker than a session reset. */
    record UpdateReceived(Connection connection, Update update, List<DecodeError> problems) implements Event {
        public UpdateReceived {
            problems = List.copyOf(problems);
        }
    }

    /** NotifMsg (25), and NotifMsgVerErr (24) which this FSM handles the same way. */
    record NotificationReceived(Connection connection, Notification notification) implements Event {
    }

    /** A ROUTE-REFRESH message (RFC 2918 §4); RFC 4271 has no event number for it. */
    record RouteRefreshReceived(Connection connection, RouteRefresh refresh) implements Event {
    }

    /**
     * BGPHeaderErr (21), BGPOpenMsgErr (22) or UpdateMsgErr (28): a message that needs a session reset; the
     * error carries the NOTIFICATION to send.
     */
    record DecodeFailed(Connection connection, DecodeError error) implements Event {
    }

    /** A bug while handling this peer (not an RFC event): reset the session, leave every other peer alone. */
    record InternalError(String why) implements Event {
    }

    /** The connection the event arrived on, or null for events about the peer as a whole. */
    default Connection connection() {
        return switch (this) {
            case TcpConnected e -> e.connection();
            case ConnectionClosed e -> e.connection();
            case OpenReceived e -> e.connection();
            case KeepaliveReceived e -> e.connection();
            case UpdateReceived e -> e.connection();
            case NotificationReceived e -> e.connection();
            case RouteRefreshReceived e -> e.connection();
            case DecodeFailed e -> e.connection();
            case ManualStart e -> null;
            case ManualStop e -> null;
            case TimerExpired e -> null;
            case ConnectFailed e -> null;
            case InternalError e -> null;
        };
    }
}
