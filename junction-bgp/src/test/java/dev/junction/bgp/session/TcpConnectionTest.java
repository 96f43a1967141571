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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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

    @Test
    void framesArriveInOrderAndCloseFlushesFirst() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket client = new Socket();
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            Socket accepted = server.accept();
            Recorder left = new Recorder();
            Recorder right = new Recorder();
            TcpConnection a = new TcpConnection(client, false, left, "a");
            TcpConnection b = new TcpConnection(accepted, true, right, "b");
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

    @Test
    void aBrokenHeaderIsReportedAsAFramingError() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket client = new Socket();
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            Socket accepted = server.accept();
            Recorder r = new Recorder();
            TcpConnection c = new TcpConnection(accepted, true, r, "c");
            c.start();
            byte[] bad = MessageCodec.encode(Keepalive.INSTANCE, EncodeContext.FOUR_OCTET);
            bad[17] = 10; // length 10 < 19
            client.getOutputStream().write(bad);
            assertThat(r.events.poll(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(DecodeError.class,
                    e -> assertThat(e.subcode()).isEqualTo(2));
            c.closeNow();
            client.close();
        }
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
