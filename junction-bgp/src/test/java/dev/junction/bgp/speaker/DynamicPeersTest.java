package dev.junction.bgp.speaker;

import dev.junction.bgp.fsm.State;
import dev.junction.bgp.wire.Prefix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.junction.bgp.speaker.SpeakerLoopbackTest.await;
import static dev.junction.bgp.speaker.SpeakerLoopbackTest.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Peers added and removed while the speaker runs, as the router does when nodes join and leave. */
@Tag("unit")
class DynamicPeersTest {
    private static final InetAddress A = InetAddress.ofLiteral("127.0.0.1");
    private static final InetAddress B = InetAddress.ofLiteral("127.0.0.3");
    private static final Prefix PB = Prefix.parse("10.3.0.0/24");
    private static final Prefix PA = Prefix.parse("10.1.0.0/24");

    private static java.util.Optional<String> lastDown(Speaker s) {
        try {
            return s.neighbors().get(5, TimeUnit.SECONDS).getFirst().lastDown();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPeerAddedAtRunTimeComesUpAndItsRemovalWithdrawsItsRoutes() throws Exception {
        SpeakerConfig ca = new SpeakerConfig(Inet4Address.ofLiteral("10.0.0.1"), 64512, new InetSocketAddress(A, 0), null, List.of(),
                List.of(new SpeakerConfig.Originated(PA, List.of())), GracefulRestartConfig.DEFAULT, false, 100);
        try (Speaker a = Speaker.start(ca)) {
            SpeakerConfig cb = new SpeakerConfig(Inet4Address.ofLiteral("10.0.0.3"), 64512, null, null,
                    List.of(PeerConfig.builder("a", A, 64512).port(a.listenPort()).localAddress(B).holdTime(3)
                            .connectRetry(Duration.ofSeconds(1)).build()),
                    List.of(new SpeakerConfig.Originated(PB, List.of())), GracefulRestartConfig.DEFAULT, false, 100);
            try (Speaker b = Speaker.start(cb)) {
                assertThat(a.peerNames()).isEmpty();
                a.addPeer(PeerConfig.builder("node/b", B, 64512).passive(true).holdTime(3).build()).get(5, TimeUnit.SECONDS);
                assertThat(a.peerNames()).containsExactly("node/b");
                await("Established", () -> a.peerStates().get("node/b") == State.ESTABLISHED);
                await("routes both ways", () -> route(a, PB).isPresent() && route(b, PA).isPresent());
                java.util.List<String> replay = new java.util.concurrent.CopyOnWriteArrayList<>();
                a.subscribe((p, o, n) -> replay.add(p + (n.isPresent() ? " up" : " down"))).get(5, TimeUnit.SECONDS);
                assertThat(replay).as("a late subscriber hears the current best paths first").containsExactlyInAnyOrder(PA + " up", PB + " up");

                assertThatThrownBy(() -> a.addPeer(PeerConfig.builder("node/b", InetAddress.ofLiteral("127.0.0.9"), 64512).build()).get(5, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasMessageContaining("a peer named node/b exists");
                assertThatThrownBy(() -> a.addPeer(PeerConfig.builder("other", B, 64512).build()).get(5, TimeUnit.SECONDS))
                        .hasMessageContaining("has address 127.0.0.3");

                // A policy change keeps the session: the new export policy withdraws A's route at B, and back.
                PeerConfig plain = PeerConfig.builder("node/b", B, 64512).passive(true).holdTime(3).build();
                a.updatePeer(plain.withPolicies(plain.importPolicy(), dev.junction.bgp.rib.policy.Policy.REJECT_ALL)).get(5, TimeUnit.SECONDS);
                await("B loses A's route to the export policy", () -> route(b, PA).isEmpty());
                a.updatePeer(plain).get(5, TimeUnit.SECONDS);
                await("and gets it back", () -> route(b, PA).isPresent());
                assertThat(b.neighbors().get(5, TimeUnit.SECONDS).getFirst().lastDown()).as("the session never went down").isEmpty();
                a.updatePeer(PeerConfig.builder("node/b", B, 64512).passive(true).holdTime(6).build()).get(5, TimeUnit.SECONDS);
                await("another change re-creates the session", () -> lastDown(b).isPresent());
                await("which comes back", () -> a.peerStates().get("node/b") == State.ESTABLISHED && route(b, PA).isPresent());

                a.removePeer("node/b").get(5, TimeUnit.SECONDS);
                assertThat(a.peerNames()).isEmpty();
                assertThat(route(a, PB)).as("the removed peer's route is withdrawn at once").isEmpty();
                await("B sees the session go", () -> b.peerStates().get("a") != State.ESTABLISHED);
                await("B loses A's route", () -> route(b, PA).isEmpty());
                assertThat(b.neighbors().get(5, TimeUnit.SECONDS).getFirst().lastDown().orElseThrow())
                        .contains("Cease/Peer De-configured (6/3)");
                // The listener now refuses B: it stays down however often it retries.
                Thread.sleep(2500);
                assertThat(b.peerStates().get("a")).isNotEqualTo(State.ESTABLISHED);
                assertThatThrownBy(() -> a.removePeer("node/b").get(5, TimeUnit.SECONDS)).hasMessageContaining("unknown peer node/b");
            }
        }
    }
}
