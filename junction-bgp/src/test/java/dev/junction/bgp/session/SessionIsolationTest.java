package dev.junction.bgp.session;

import dev.junction.bgp.fsm.State;
import dev.junction.bgp.speaker.GracefulRestartConfig;
import dev.junction.bgp.speaker.PeerConfig;
import dev.junction.bgp.speaker.Speaker;
import dev.junction.bgp.speaker.SpeakerConfig;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Capability;
import dev.junction.bgp.wire.ErrorCodes;
import dev.junction.bgp.wire.Keepalive;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.Open;
import dev.junction.bgp.wire.Prefix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "A peer's garbage never touches another peer's session": speaker A (127.0.0.2) has a well-behaved peer B
 * (127.0.0.3, a second speaker) and a raw peer on 127.0.0.4 that completes the handshake and then sends a broken
 * header. Only the raw peer's session is reset. A connection from an unconfigured address is refused.
 */
@Tag("unit")
class SessionIsolationTest {
    private static final InetAddress A = InetAddress.ofLiteral("127.0.0.2");
    private static final InetAddress B = InetAddress.ofLiteral("127.0.0.3");
    private static final InetAddress BAD = InetAddress.ofLiteral("127.0.0.4");
    private static final Prefix PB = Prefix.parse("10.2.0.0/24");

    private static void await(String what, java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    private static boolean hasRoute(Speaker s, Prefix p) {
        try {
            return s.routes().get(5, TimeUnit.SECONDS).stream().anyMatch(r -> r.prefix().equals(p));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void garbageFromOnePeerResetsOnlyThatPeer() throws Exception {
        SpeakerConfig ca = new SpeakerConfig(Inet4Address.ofLiteral("10.0.0.2"), 64512, new InetSocketAddress(A, 0), null,
                List.of(PeerConfig.builder("good", B, 64512).passive(true).build(),
                        PeerConfig.builder("bad", BAD, 64512).passive(true).build()),
                List.of(), GracefulRestartConfig.DISABLED, false, 100);
        try (Speaker a = Speaker.start(ca)) {
            SpeakerConfig cb = new SpeakerConfig(Inet4Address.ofLiteral("10.0.0.3"), 64512, null, null,
                    List.of(PeerConfig.builder("a", A, 64512).port(a.listenPort()).localAddress(B).connectRetry(Duration.ofSeconds(1)).build()),
                    List.of(new SpeakerConfig.Originated(PB, List.of())), GracefulRestartConfig.DISABLED, false, 100);
            try (Speaker b = Speaker.start(cb)) {
                await("good peer's route", () -> hasRoute(a, PB));
                try (RawPeer bad = new RawPeer(BAD, new InetSocketAddress(A, a.listenPort()))) {
                    bad.send(Open.of(64512, 90, Inet4Address.ofLiteral("10.0.0.4"),
                            List.of(new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST), new Capability.FourOctetAs(64512))));
                    assertThat(bad.receive(Open.class)).isNotNull();
                    bad.send(Keepalive.INSTANCE);
                    assertThat(bad.receive(Keepalive.class)).isNotNull();
                    await("bad peer Established", () -> a.peerStates().get("bad") == State.ESTABLISHED);
                    // A header with a broken marker: Message Header Error / Connection Not Synchronized (RFC 4271 §6.1).
                    bad.sendBytes(HexFormat.of().parseHex("ffffffffffffffff00ffffffffffffff001304"));
                    Notification n = bad.receive(Notification.class);
                    assertThat(n).isNotNull();
                    assertThat(n.code()).isEqualTo(ErrorCodes.MESSAGE_HEADER);
                    assertThat(n.subcode()).isEqualTo(ErrorCodes.CONNECTION_NOT_SYNCHRONIZED);
                    assertThat(bad.receive()).isNull(); // and the connection is closed
                }
                await("bad peer reset", () -> a.peerStates().get("bad") != State.ESTABLISHED);
                assertThat(a.peerStates().get("good")).isEqualTo(State.ESTABLISHED);
                assertThat(hasRoute(a, PB)).isTrue();
            }
        }
    }

    @Test
    void connectionsFromUnconfiguredAddressesAreClosedAtOnce() throws Exception {
        SpeakerConfig ca = new SpeakerConfig(Inet4Address.ofLiteral("10.0.0.2"), 64512, new InetSocketAddress(A, 0), null,
                List.of(PeerConfig.builder("good", B, 64512).passive(true).build()), List.of(), GracefulRestartConfig.DISABLED, false, 100);
        try (Speaker a = Speaker.start(ca);
             RawPeer stranger = new RawPeer(InetAddress.ofLiteral("127.0.0.9"), new InetSocketAddress(A, a.listenPort()))) {
            try {
                assertThat(stranger.receive()).isNull();
            } catch (IOException reset) {
                // a reset is as good as a close
            }
        }
    }
}
