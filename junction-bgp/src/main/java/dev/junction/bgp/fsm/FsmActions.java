package dev.junction.bgp.fsm;

import dev.junction.bgp.wire.BgpMessage;
import dev.junction.bgp.wire.DecodeError;
import dev.junction.bgp.wire.RouteRefresh;
import dev.junction.bgp.wire.Update;

import java.util.List;

/**
 * What the FSM asks of the world. The session layer implements it with sockets; tests record the calls. Every
 * method is called on the FSM's owner thread and must not block: sends are queued, connects run elsewhere and
 * come back as events.
 */
public interface FsmActions {
    /** Starts an outbound connection; report {@link Event.TcpConnected} or {@link Event.ConnectFailed} with {@code attempt}. */
    void connect(long attempt);

    /** Abandons an outbound attempt still in progress; its late result may still arrive and is then ignored or closed. */
    void cancelConnect(long attempt);

    /** Queues a message on the connection; messages go out in the order sent. */
    void send(Connection connection, BgpMessage message);

    /** Closes the connection after what is queued on it has been written (so a NOTIFICATION gets out first). */
    void close(Connection connection);

    /** Entered Established on {@code connection}. */
    default void established(Connection connection, Negotiated negotiated) {
    }

    /** Left Established. */
    default void down(SessionDown down) {
    }

    /** An UPDATE in Established, with its RFC 7606 problems weaker than a session reset (possibly none). */
    default void updateReceived(Update update, List<DecodeError> problems) {
    }

    /** A ROUTE-REFRESH in Established for a negotiated family (RFC 2918 §4: re-send the Adj-RIB-Out). */
    default void routeRefreshReceived(RouteRefresh refresh) {
    }

    /** Every state change, for logs and metrics. */
    default void transition(State from, Transition transition) {
    }
}
