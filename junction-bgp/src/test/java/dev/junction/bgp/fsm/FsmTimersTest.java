package dev.junction.bgp.fsm;

import dev.junction.bgp.fsm.FsmHarness.FakeConnection;
import dev.junction.bgp.wire.ErrorCodes;
import dev.junction.bgp.wire.Keepalive;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.Update;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.junction.bgp.fsm.FsmHarness.HIGH_ID;
import static dev.junction.bgp.fsm.FsmHarness.LOW_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timers on virtual time (RFC 4271 §4.4, §8.2.2, §10): ConnectRetry with backoff, Hold, Keepalive, IdleHold.
 * We are 10.0.0.2 in AS 64512; the peer is 10.0.0.1, iBGP unless a test says otherwise.
 */
@Tag("unit")
class FsmTimersTest {

    @Test
    void connectRetryDoublesUpToTheMaximum() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        h.fsm.handle(new Event.ManualStart());
        assertThat(h.fsm.state()).isEqualTo(State.CONNECT);
        h.time.advanceSeconds(40);
        // 1, 2, 4, 8, 8, 8 ... seconds between attempts.
        assertThat(h.connectTimes).containsExactly(0.0, 1.0, 3.0, 7.0, 15.0, 23.0, 31.0, 39.0);
        assertThat(h.cancelled).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void failedConnectWaitsInActiveAndStillAcceptsAnInboundConnection() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        h.fsm.handle(new Event.ManualStart());
        assertThat(h.fsm.handle(new Event.ConnectFailed(1, "refused")).next()).isEqualTo(State.ACTIVE);
        // A stale failure of an older attempt changes nothing.
        assertThat(h.fsm.handle(new Event.ConnectFailed(99, "late")).reason()).isEqualTo(Reason.IGNORED);
        FakeConnection in = new FakeConnection(true, "in");
        assertThat(h.fsm.handle(new Event.TcpConnected(in, -1)).next()).isEqualTo(State.OPEN_SENT);
        assertThat(in.sent).hasSize(1).first().isInstanceOf(dev.junction.bgp.wire.Open.class);
        // The ConnectRetry timer stopped: no more connects.
        h.time.advanceSeconds(10);
        assertThat(h.connects).containsExactly(1L);
    }

    @Test
    void passivePeerNeverConnectsOut() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512).withPassive(true));
        assertThat(h.fsm.handle(new Event.ManualStart()).next()).isEqualTo(State.ACTIVE);
        h.time.advanceSeconds(600);
        assertThat(h.connects).isEmpty();
        assertThat(h.fsm.state()).isEqualTo(State.ACTIVE);
    }

    @Test
    void negotiatedHoldTimeIsTheSmallerAndKeepalivesGoOutEveryThirdOfIt() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = h.establish(FsmHarness.peerOpen(64512, 30, LOW_ID));
        assertThat(h.established).singleElement().satisfies(n -> {
            assertThat(n.holdTime()).isEqualTo(30);
            assertThat(n.keepalive()).isEqualTo(Duration.ofSeconds(10));
        });
        int before = c.sent(Keepalive.class).size(); // the one answering the OPEN
        for (int i = 0; i < 6; i++) {
            h.time.advanceSeconds(5);
            h.receive(c, Keepalive.INSTANCE); // the peer keeps the session up
        }
        assertThat(c.sent(Keepalive.class)).hasSize(before + 3); // at 10, 20, 30 s
        assertThat(h.fsm.state()).isEqualTo(State.ESTABLISHED);
    }

    @Test
    void holdTimerExpirySendsHoldTimerExpiredAndRestartsAfterTheIdleHoldTime() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = h.establish(FsmHarness.peerOpen(64512, 9, LOW_ID));
        h.time.advanceSeconds(8.9);
        assertThat(h.fsm.state()).isEqualTo(State.ESTABLISHED);
        h.time.advanceSeconds(0.1);
        assertThat(h.fsm.state()).isEqualTo(State.IDLE);
        assertThat(c.lastNotification()).isEqualTo(new Notification(ErrorCodes.HOLD_TIMER_EXPIRED, 0));
        assertThat(c.closed).isTrue();
        assertThat(h.downs).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Reason.HOLD_TIMER_EXPIRED);
            assertThat(d.sent()).contains(new Notification(4, 0));
        });
        h.time.advanceSeconds(1); // IdleHold: automatic start
        assertThat(h.fsm.state()).isEqualTo(State.CONNECT);
        assertThat(h.transitions).contains("ESTABLISHED->IDLE:HOLD_TIMER_EXPIRED", "IDLE->CONNECT:AUTOMATIC_START");
    }

    @Test
    void updatesAndKeepalivesRestartTheHoldTimer() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = h.establish(FsmHarness.peerOpen(64512, 9, LOW_ID));
        for (int i = 0; i < 5; i++) {
            h.time.advanceSeconds(8);
            h.receive(c, Update.endOfRib(dev.junction.bgp.wire.AfiSafi.IPV4_UNICAST));
        }
        assertThat(h.fsm.state()).isEqualTo(State.ESTABLISHED);
        assertThat(h.updates).hasSize(5);
    }

    @Test
    void zeroHoldTimeDisablesHoldAndKeepaliveTimers() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = h.establish(FsmHarness.peerOpen(64512, 0, LOW_ID));
        int keepalives = c.sent(Keepalive.class).size();
        h.time.advance(Duration.ofHours(2));
        assertThat(h.fsm.state()).isEqualTo(State.ESTABLISHED);
        assertThat(c.sent(Keepalive.class)).hasSize(keepalives);
        assertThat(h.established.getFirst().holdTime()).isZero();
    }

    @Test
    void aConfiguredKeepaliveShorterThanAThirdWins() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512).withKeepaliveTime(2));
        h.establish(FsmHarness.peerOpen(64512, 90, LOW_ID));
        assertThat(h.established.getFirst().keepalive()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void sendingAnUpdateRestartsTheKeepaliveTimer() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = h.establish(FsmHarness.peerOpen(64512, 30, LOW_ID));
        int keepalives = c.sent(Keepalive.class).size();
        for (int i = 0; i < 4; i++) {
            h.time.advanceSeconds(6);
            h.receive(c, Keepalive.INSTANCE);
            assertThat(h.fsm.sendUpdate(Update.endOfRib(dev.junction.bgp.wire.AfiSafi.IPV4_UNICAST))).isTrue();
        }
        assertThat(c.sent(Keepalive.class)).hasSize(keepalives);
    }

    @Test
    void aStaleTimerExpiryIsIgnored() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        h.establish(FsmHarness.peerOpen(64512, 9, LOW_ID));
        // An expiry of an earlier Hold timer generation, as if it had been queued before the restart.
        assertThat(h.fsm.handle(new Event.TimerExpired(TimerKind.HOLD, 1)).reason()).isEqualTo(Reason.IGNORED);
        assertThat(h.fsm.state()).isEqualTo(State.ESTABLISHED);
    }

    @Test
    void repeatedFailuresDampTheAutomaticRestart() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        h.fsm.handle(new Event.ManualStart());
        List<Double> restarts = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FakeConnection c = new FakeConnection(false, "out" + i);
            h.fsm.handle(new Event.TcpConnected(c, h.connects.getLast()));
            h.receive(c, new Notification(ErrorCodes.CEASE, ErrorCodes.CEASE_CONNECTION_REJECTED));
            assertThat(h.fsm.state()).isEqualTo(State.IDLE);
            double failedAt = h.time.elapsed();
            while (h.fsm.state() == State.IDLE) h.time.advanceSeconds(0.5);
            restarts.add(h.time.elapsed() - failedAt);
        }
        assertThat(restarts).containsExactly(1.0, 2.0, 4.0, 8.0);
    }

    @Test
    void manualStopSendsCeaseAndNeverRestarts() {
        FsmHarness h = new FsmHarness(FsmHarness.config(HIGH_ID, 64512));
        FakeConnection c = h.establish(FsmHarness.peerOpen(64512, 9, LOW_ID));
        Notification shutdown = Notification.shutdown(ErrorCodes.CEASE_ADMINISTRATIVE_SHUTDOWN, "maintenance");
        assertThat(h.fsm.handle(new Event.ManualStop(shutdown)).next()).isEqualTo(State.IDLE);
        assertThat(c.lastNotification()).isEqualTo(shutdown);
        assertThat(c.closed).isTrue();
        h.time.advance(Duration.ofMinutes(10));
        assertThat(h.fsm.state()).isEqualTo(State.IDLE);
        assertThat(h.time.pending()).isZero();
    }
}
