package dev.junction.netlink;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A dump answered with NLM_F_DUMP_INTR is asked again, through {@link RtNetlink} over a scripted transport
 * (provoking the flag in a real kernel is racy: the table must change between two dump datagrams).
 */
@Tag("unit")
class DumpRetryTest {
    @BeforeAll
    static void littleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "canned bytes are little-endian (host order)");
    }

    /** Answers each request with the next scripted reply, rewritten to the request's sequence number. */
    static final class ScriptedTransport implements Transport {
        final Deque<List<String>> replies = new ArrayDeque<>();
        final List<byte[]> sent = new ArrayList<>();
        private final Deque<ByteBuffer> pending = new ArrayDeque<>();

        ScriptedTransport reply(String... datagrams) {
            replies.add(List.of(datagrams));
            return this;
        }

        @Override
        public void send(byte[] message) {
            sent.add(message);
            int seq = ByteBuffer.wrap(message).order(ByteOrder.nativeOrder()).getInt(8);
            for (String d : replies.removeFirst()) {
                ByteBuffer b = ReplyDecodingTest.datagram(d);
                for (NetlinkMessage m : NetlinkMessage.split(b.duplicate())) {
                    // every canned message says seq 5: patch in the real one at each message's offset
                    int offset = m.payload().arrayOffset() - Netlink.HEADER_SIZE;
                    b.putInt(offset + 8, seq);
                }
                pending.add(b);
            }
        }

        @Override
        public ByteBuffer receive() {
            return pending.removeFirst();
        }

        @Override
        public void close() {
        }
    }

    private static String intr(String message) {
        return message.replaceFirst("1800 0200", "1800 1200"); // MULTI | DUMP_INTR
    }

    @Test
    void interruptedDumpIsAskedAgainAndTheCleanAnswerWins() throws Exception {
        ScriptedTransport t = new ScriptedTransport()
                .reply(ReplyDecodingTest.ROUTE_KERNEL + intr(ReplyDecodingTest.ROUTE_ONLINK), ReplyDecodingTest.DONE)
                .reply(ReplyDecodingTest.ROUTE_ONLINK + ReplyDecodingTest.ROUTE_V6, ReplyDecodingTest.DONE);
        try (RtNetlink nl = new RtNetlink(t)) {
            List<Route> routes = nl.routes(RouteProtocol.JUNCTION);
            assertThat(routes).containsExactly(
                    Route.to("10.244.2.0/24").via("10.244.2.0").dev(3).onlink().metric(100).mtu(1450).build(),
                    Route.to("fd00:244:3::/64").via("2001:db8:7::2").dev(3).build());
        }
        assertThat(t.sent).hasSize(2);
        assertThat(seq(t.sent.get(1))).as("the retry is a new request").isEqualTo(seq(t.sent.get(0)) + 1);
        assertThat(t.replies).isEmpty();
    }

    @Test
    void aDumpInterruptedEveryTimeFails() {
        ScriptedTransport t = new ScriptedTransport();
        for (int i = 0; i < RtNetlink.DUMP_ATTEMPTS; i++) t.reply(intr(ReplyDecodingTest.ROUTE_ONLINK) + ReplyDecodingTest.DONE);
        try (RtNetlink nl = new RtNetlink(t)) {
            assertThatThrownBy(() -> nl.routes(RouteProtocol.ANY)).isInstanceOfSatisfying(NetlinkException.class, e -> {
                assertThat(e.errno()).isEqualTo(4); // EINTR
                assertThat(e.getMessage()).contains("list routes").contains("interrupted").contains("5 times");
            });
        }
        assertThat(t.sent).hasSize(RtNetlink.DUMP_ATTEMPTS);
    }

    private static int seq(byte[] message) {
        return ByteBuffer.wrap(message).order(ByteOrder.nativeOrder()).getInt(8);
    }
}
