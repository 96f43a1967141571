package dev.junction.bgp.speaker;

import dev.junction.bgp.fsm.State;
import dev.junction.bgp.rib.Route;
import dev.junction.bgp.wire.AsPathSegment;
import dev.junction.bgp.wire.Prefix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two speakers in one JVM over real sockets on loopback (no root needed): A on 127.0.0.2 (listens, passive),
 * B on 127.0.0.3 (connects from that local address). Real time, but each wait is bounded and short.
 */
@Tag("unit")
class SpeakerLoopbackTest {
    private static final InetAddress A = InetAddress.ofLiteral("127.0.0.2");
    private static final InetAddress B = InetAddress.ofLiteral("127.0.0.3");
    private static final Prefix PA = Prefix.parse("10.1.0.0/24");
    private static final Prefix PB = Prefix.parse("10.2.0.0/24");

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    static Optional<Route> route(Speaker s, Prefix p) {
        try {
            return s.routes().get(5, TimeUnit.SECONDS).stream().filter(r -> r.prefix().equals(p)).findFirst();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Speaker[] pair(long asnA, long asnB) throws Exception {
        SpeakerConfig a = new SpeakerConfig(java.net.Inet4Address.ofLiteral("10.0.0.2"), asnA, new java.net.InetSocketAddress(A, 0), null,
                List.of(PeerConfig.builder("b", B, asnB).passive(true).holdTime(3).build()),
                List.of(new SpeakerConfig.Originated(PA, List.of())), GracefulRestartConfig.DEFAULT, false, 100);
        Speaker sa = Speaker.start(a);
        SpeakerConfig b = new SpeakerConfig(java.net.Inet4Address.ofLiteral("10.0.0.3"), asnB, null, null,
                List.of(PeerConfig.builder("a", A, asnA).port(sa.listenPort()).localAddress(B).holdTime(3)
                        .connectRetry(Duration.ofSeconds(1)).build()),
                List.of(new SpeakerConfig.Originated(PB, List.of())), GracefulRestartConfig.DEFAULT, false, 100);
        return new Speaker[]{sa, Speaker.start(b)};
    }

    @Test
    void internalPeersExchangeAndWithdrawRoutes() throws Exception {
        Speaker[] s = pair(64512, 64512);
        try (Speaker a = s[0]; Speaker b = s[1]) {
            java.util.concurrent.BlockingQueue<String> changes = new java.util.concurrent.LinkedBlockingQueue<>();
            // The subscription first replays what is there (our own PA, perhaps PB already); only PB matters here.
            a.subscribe((p, o, n) -> {
                if (!p.equals(PA)) changes.add(p + " " + o.isPresent() + "->" + n.isPresent());
            }).get(5, TimeUnit.SECONDS);
            await("Established", () -> a.peerStates().get("b") == State.ESTABLISHED && b.peerStates().get("a") == State.ESTABLISHED);
            await("routes both ways", () -> route(a, PB).isPresent() && route(b, PA).isPresent());
            assertThat(route(a, PB).orElseThrow().attributes().nextHop()).isEqualTo(B);
            assertThat(route(a, PB).orElseThrow().attributes().asPath()).isEmpty();
            assertThat(route(a, PB).orElseThrow().attributes().localPref()).hasValue(100);
            assertThat(changes.poll(5, TimeUnit.SECONDS)).isEqualTo("10.2.0.0/24 false->true");
            b.withdraw(PB).get(5, TimeUnit.SECONDS);
            await("withdraw", () -> route(a, PB).isEmpty());
            assertThat(changes.poll(5, TimeUnit.SECONDS)).isEqualTo("10.2.0.0/24 true->false");
            assertThat(a.explain(PB).get(5, TimeUnit.SECONDS).candidates()).isEmpty();
            // A Cease from B (not graceful) withdraws B's routes at A.
            b.announce(PB, List.of()).get(5, TimeUnit.SECONDS);
            await("re-announce", () -> route(a, PB).isPresent());
            b.close(false);
            await("withdrawn on session down", () -> route(a, PB).isEmpty());
        }
    }

    @Test
    void externalPeersPrependTheirAsAndKeepRoutesOverAGracefulRestart() throws Exception {
        Speaker[] s = pair(64512, 65001);
        try (Speaker a = s[0]; Speaker b = s[1]) {
            await("routes both ways", () -> route(a, PB).isPresent() && route(b, PA).isPresent());
            assertThat(route(a, PB).orElseThrow().attributes().asPath()).containsExactly(AsPathSegment.sequence(65001));
            assertThat(route(b, PA).orElseThrow().attributes().asPath()).containsExactly(AsPathSegment.sequence(64512));
            assertThat(route(a, PB).orElseThrow().attributes().localPref()).isEmpty();
            assertThat(a.staleBests().get(5, TimeUnit.SECONDS)).isEmpty();
            // B goes away without NOTIFICATION: A, the helper, keeps B's route as stale (RFC 4724 §4.2).
            b.close(true);
            await("session down", () -> a.peerStates().get("b") != State.ESTABLISHED);
            Thread.sleep(300);
            assertThat(route(a, PB)).isPresent();
            assertThat(a.staleBests().get(5, TimeUnit.SECONDS)).containsExactly(PB);
        }
    }
}
