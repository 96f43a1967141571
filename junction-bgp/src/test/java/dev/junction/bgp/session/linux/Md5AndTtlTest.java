package dev.junction.bgp.session.linux;

import dev.junction.bgp.session.BgpListenSocket;
import dev.junction.bgp.session.BgpSocket;
import dev.junction.bgp.session.PeerTransport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TCP-MD5 (RFC 2385) and TTL on real sockets over loopback: what the kernel lets through decides. A keyed listener
 * drops a SYN that is unsigned or signed with another key without answering, so the client sees a connect
 * timeout, exactly as a BGP speaker with a mistyped password does.
 */
@Tag("kernel")
class Md5AndTtlTest {
    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    private static final int TIMEOUT_MS = 1500;
    private final NativeSocketFactory f = NativeSocketFactory.INSTANCE;

    private static PeerTransport peer(InetAddress address, int port, String password, int ttl) {
        return new PeerTransport(new InetSocketAddress(address, port), null, 0, ttl, Optional.ofNullable(password), Duration.ofSeconds(2));
    }

    private BgpListenSocket listener(String passwordFor127) throws IOException {
        BgpListenSocket l = f.listener(new InetSocketAddress(LO, 0));
        if (passwordFor127 != null) f.allowPeer(l, peer(LO, 0, passwordFor127, 0));
        return l;
    }

    /** Connects with {@code password} (null = unsigned) and returns the accepted side after a round trip. */
    private void roundTrip(BgpListenSocket l, String password, int ttl) throws IOException {
        BgpSocket c = f.outbound(peer(LO, l.local().getPort(), password, ttl));
        try {
            c.connect(new InetSocketAddress(LO, l.local().getPort()), TIMEOUT_MS);
            try (BgpSocket a = l.accept()) {
                c.output().write(new byte[]{1, 2, 3});
                byte[] got = new byte[3];
                assertThat(a.input().read(got)).isEqualTo(3);
                assertThat(got).containsExactly(1, 2, 3);
            }
        } finally {
            c.close();
        }
    }

    private void refused(BgpListenSocket l, String password, int ttl) throws IOException {
        BgpSocket c = f.outbound(peer(LO, l.local().getPort(), password, ttl));
        try {
            assertThatThrownBy(() -> c.connect(new InetSocketAddress(LO, l.local().getPort()), TIMEOUT_MS))
                    .isInstanceOf(SocketTimeoutException.class);
        } finally {
            c.close();
        }
    }

    @Test
    void theSamePasswordOnBothSidesConnects() throws IOException {
        try (BgpListenSocket l = listener("s3cret!")) {
            roundTrip(l, "s3cret!", 0);
        }
    }

    @Test
    void aWrongPasswordNeverConnects() throws IOException {
        try (BgpListenSocket l = listener("s3cret!")) {
            refused(l, "secret", 0);
        }
    }

    @Test
    void anUnsignedClientOfAKeyedPeerNeverConnects() throws IOException {
        try (BgpListenSocket l = listener("s3cret!")) {
            refused(l, null, 0);
        }
    }

    @Test
    void aSignedClientOfAnUnkeyedListenerNeverConnects() throws IOException {
        try (BgpListenSocket l = listener(null)) {
            // The listener's SYN-ACK is unsigned, which the keyed client drops.
            refused(l, "s3cret!", 0);
        }
    }

    @Test
    void forgettingThePeerRemovesItsKey() throws IOException {
        try (BgpListenSocket l = listener("s3cret!")) {
            f.forgetPeer(l, peer(LO, 0, "s3cret!", 0));
            roundTrip(l, null, 0);
        }
    }

    @Test
    void keysAreKeptPerPeerAddress() throws IOException {
        try (BgpListenSocket l = listener(null)) {
            f.allowPeer(l, peer(InetAddress.ofLiteral("192.0.2.1"), 0, "other", 0));
            roundTrip(l, null, 0); // 127.0.0.1 has no key, so it may connect unsigned
        }
    }

    @Test
    void aKeyLongerThanTheKernelTakesIsRefused() throws IOException {
        try (BgpListenSocket l = listener(null)) {
            assertThatThrownBy(() -> f.allowPeer(l, peer(LO, 0, "x".repeat(81), 0))).hasMessageContaining("80");
        }
    }

    @Test
    void theConfiguredTtlIsWhatTheListenerSees() throws IOException {
        // GTSM at the listener (RFC 5082): drop anything below TTL 255. Loopback does not decrement the TTL.
        try (BgpListenSocket l = listener(null)) {
            NativeListenSocket n = (NativeListenSocket) l;
            n.with(fd -> {
                TcpOptions.minTtl(fd, n.family(), 255);
                return null;
            });
            roundTrip(l, null, 255);
            refused(l, null, 254);
        }
    }

    @Test
    void closingACancelledConnectEndsIt() throws Exception {
        try (BgpListenSocket l = listener("s3cret!")) {
            BgpSocket c = f.outbound(peer(LO, l.local().getPort(), null, 0));
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                c.close();
            });
            assertThatThrownBy(() -> c.connect(new InetSocketAddress(LO, l.local().getPort()), 30_000))
                    .hasMessageContaining("closed");
            t.join();
        }
    }
}
