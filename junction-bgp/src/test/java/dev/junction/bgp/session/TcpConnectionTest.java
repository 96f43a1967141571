package dev.junction.bgp.session;

import dev.junction.bgp.wire.DecodeError;
import dev.junction.bgp.wire.EncodeContext;
import dev.junction.bgp.wire.Frame;
import dev.junction.bgp.wire.Keepalive;
import dev.junction.bgp.wire.MessageCodec;
import dev.junction.bgp.wire.MessageType;
import dev.junction.bgp.wire.Notification;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dev.junction.bgp.session.linux.NativeSocketFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The socket layer on loopback: frames in order, a final NOTIFICATION gets out before the close, mailboxes. */
@Tag("unit")
class TcpConnectionTest {
    private static final class Recorder implements TcpConnection.Sink {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        public void frame(TcpConnection c, Frame frame) {
            events.add(frame);
        }

        public void framingError(TcpConnection c, DecodeError error) {
            events.add(error);
        }

        public void closed(TcpConnection c, String why) {
            events.add("closed: " + why);
        }
    }

    /** The two socket implementations behind the same connection code. */
    static Stream<SocketFactory> factories() {
        return Stream.of(PlainSocketFactory.INSTANCE, NativeSocketFactory.INSTANCE);
    }

    /** A connected pair on loopback: [client, accepted]. */
    private static BgpSocket[] pair(SocketFactory f, BgpListenSocket server) throws Exception {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.local().getPort());
        BgpSocket client = f.outbound(PeerTransport.of(to.getAddress(), to.getPort(), null));
        client.connect(to, 5000);
        return new BgpSocket[]{client, server.accept()};
    }

    private static BgpListenSocket listen(SocketFactory f) throws Exception {
        return f.listener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @ParameterizedTest
    @MethodSource("factories")
    void framesArriveInOrderAndCloseFlushesFirst(SocketFactory f) throws Exception {
        try (BgpListenSocket server = listen(f)) {
            BgpSocket[] p = pair(f, server);
            assertThat(p[0].remote()).isEqualTo(p[1].local());
            assertThat(p[1].remote()).isEqualTo(p[0].local());
            Recorder left = new Recorder();
            Recorder right = new Recorder();
            TcpConnection a = new TcpConnection(p[0], false, left, "a");
            TcpConnection b = new TcpConnection(p[1], true, right, "b");
            a.start();
            b.start();
            for (int i = 0; i < 100; i++) a.send(MessageCodec.encode(Keepalive.INSTANCE, EncodeContext.FOUR_OCTET));
            Notification bye = new Notification(6, 2);
            a.send(MessageCodec.encode(bye, EncodeContext.FOUR_OCTET));
            a.close();
            for (int i = 0; i < 100; i++) assertThat(((Frame) right.events.poll(5, TimeUnit.SECONDS)).type()).isEqualTo(MessageType.KEEPALIVE);
            assertThat(((Frame) right.events.poll(5, TimeUnit.SECONDS)).type()).isEqualTo(MessageType.NOTIFICATION);
            assertThat(right.events.poll(5, TimeUnit.SECONDS)).asString().startsWith("closed");
            b.close();
            assertThat(left.events.poll(5, TimeUnit.SECONDS)).asString().startsWith("closed");
        }
    }

    @ParameterizedTest
    @MethodSource("factories")
    void aBrokenHeaderIsReportedAsAFramingError(SocketFactory f) throws Exception {
        try (BgpListenSocket server = listen(f)) {
            BgpSocket[] p = pair(f, server);
            Recorder r = new Recorder();
            TcpConnection c = new TcpConnection(p[1], true, r, "c");
            c.start();
            byte[] bad = MessageCodec.encode(Keepalive.INSTANCE, EncodeContext.FOUR_OCTET);
            bad[17] = 10; // length 10 < 19
            p[0].output().write(bad);
            assertThat(r.events.poll(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(DecodeError.class,
                    e -> assertThat(e.subcode()).isEqualTo(2));
            c.closeNow();
            p[0].close();
        }
    }

    @ParameterizedTest
    @MethodSource("factories")
    void closeWakesABlockedReaderAndAcceptor(SocketFactory f) throws Exception {
        BgpListenSocket server = listen(f);
        BgpSocket[] p = pair(f, server);
        BlockingQueue<String> ends = new LinkedBlockingQueue<>();
        p[1].ioThreads().start(() -> {
            try {
                ends.add("read " + p[1].input().read(new byte[10]));
            } catch (java.io.IOException e) {
                ends.add("read failed");
            }
        });
        server.ioThreads().start(() -> {
            try {
                server.accept();
                ends.add("accepted");
            } catch (java.io.IOException e) {
                ends.add("accept failed");
            }
        });
        Thread.sleep(200); // both are blocked in the kernel by now, or soon will be: either way they must end
        p[1].close();
        server.close();
        assertThat(List.of(ends.poll(5, TimeUnit.SECONDS), ends.poll(5, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder("accept failed", readEnd(f));
        p[0].close();
    }

    /** java.net reports a read on a socket closed under it as an exception; a native recv after shutdown sees EOF. */
    private static String readEnd(SocketFactory f) {
        return f instanceof PlainSocketFactory ? "read failed" : "read -1";
    }

    @Test
    void aFailingTaskDoesNotStopItsMailboxOrAnother() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (Mailbox one = new Mailbox("one", t -> seen.add("error " + t.getMessage()));
             Mailbox two = new Mailbox("two", t -> seen.add("error in two"))) {
            one.execute(() -> {
                throw new IllegalStateException("boom");
            });
            one.execute(() -> seen.add("one still runs"));
            two.execute(() -> seen.add("two runs"));
            assertThat(java.util.List.of(seen.poll(5, TimeUnit.SECONDS), seen.poll(5, TimeUnit.SECONDS), seen.poll(5, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder("error boom", "one still runs", "two runs");
        }
    }

    @Test
    void plainSocketsRefuseMd5RatherThanRunUnauthenticated() {
        PeerTransport t = new PeerTransport(new InetSocketAddress(InetAddress.getLoopbackAddress(), 179), null, 0, 0,
                java.util.Optional.of("secret"), java.time.Duration.ofSeconds(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlainSocketFactory.INSTANCE.outbound(t))
                .hasMessageContaining("TCP-MD5");
    }
}
