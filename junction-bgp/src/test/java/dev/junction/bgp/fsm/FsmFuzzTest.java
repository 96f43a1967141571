package dev.junction.bgp.fsm;

import dev.junction.bgp.fsm.FsmHarness.FakeConnection;
import dev.junction.bgp.wire.BgpMessage;
import dev.junction.bgp.wire.DecodeContext;
import dev.junction.bgp.wire.EncodeContext;
import dev.junction.bgp.wire.FrameResult;
import dev.junction.bgp.wire.Framer;
import dev.junction.bgp.wire.FuzzTest;
import dev.junction.bgp.wire.Keepalive;
import dev.junction.bgp.wire.MessageCodec;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.RandomMessages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fixed-seed fuzzing of the FSM: a session is driven to a random state (Connect, OpenSent, OpenConfirm,
 * Established), then fed a random sequence of valid messages, mutated messages, random bytes behind a valid
 * header and timer jumps. What must hold after every step: no exception escapes; every NOTIFICATION we send has a
 * defined error code; after one is sent the connection is closed; a session that leaves Established is reported
 * down exactly once. The default run is 3,000 sessions of up to 20 inputs each. Longer runs by hand:
 * <pre>
 *   mvn -o test -pl junction-bgp -Dtest=FsmFuzzTest -Dbgp.fsmfuzz.count=500000 -Dbgp.fuzz.seed=7
 * </pre>
 */
@Tag("unit")
class FsmFuzzTest {
    @Test
    void noInputSequenceBreaksTheSession() {
        int count = Integer.getInteger("bgp.fsmfuzz.count", 3_000);
        long seed = Long.getLong("bgp.fuzz.seed", FuzzTest.DEFAULT_SEED);
        Random rnd = new Random(seed);
        RandomMessages gen = new RandomMessages(rnd);
        int[] reachedStates = new int[State.values().length];
        int notifications = 0;
        for (int i = 0; i < count; i++) {
            FsmHarness h = new FsmHarness(FsmHarness.config(FsmHarness.HIGH_ID, rnd.nextBoolean() ? 64512 : 65001));
            FakeConnection c = drive(h, rnd.nextInt(4));
            reachedStates[h.fsm.state().ordinal()]++;
            int steps = 1 + rnd.nextInt(20);
            StringBuilder trace = new StringBuilder();
            for (int s = 0; s < steps; s++) {
                try {
                    step(h, c, rnd, gen, trace);
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError("seed " + seed + ", session " + i + ", step " + s + " in " + h.fsm.state() + ": " + e
                            + "\ninputs:\n" + trace, e);
                }
                for (Notification n : c.sent(Notification.class)) {
                    assertThat(n.code()).as("NOTIFICATION code, session " + i).isBetween(1, 8);
                }
                if (!c.sent(Notification.class).isEmpty()) {
                    assertThat(c.closed).as("connection closed after our NOTIFICATION, session " + i + "\n" + trace).isTrue();
                }
                assertThat(h.downs.size()).as("down reported at most once per Established, session " + i).isLessThanOrEqualTo(h.established.size());
            }
            notifications += c.sent(Notification.class).size();
        }
        // The mix must reach every state before the inputs, and provoke errors, not only KEEPALIVE-like noise.
        assertThat(reachedStates[State.ESTABLISHED.ordinal()]).isGreaterThan(count / 8);
        assertThat(reachedStates[State.OPEN_CONFIRM.ordinal()]).isGreaterThan(count / 8);
        assertThat(reachedStates[State.OPEN_SENT.ordinal()]).isGreaterThan(count / 8);
        assertThat(notifications).isGreaterThan(count / 4);
    }

    /** 0: Connect, 1: OpenSent, 2: OpenConfirm, 3: Established. */
    private static FakeConnection drive(FsmHarness h, int depth) {
        if (depth == 3) return h.establish(FsmHarness.peerOpen(h.fsm.config().peerAsn(), 90, FsmHarness.LOW_ID));
        h.fsm.handle(new Event.ManualStart());
        FakeConnection c = new FakeConnection(false, "out");
        if (depth >= 1) h.fsm.handle(new Event.TcpConnected(c, h.connects.getLast()));
        if (depth >= 2) h.receive(c, FsmHarness.peerOpen(h.fsm.config().peerAsn(), 90, FsmHarness.LOW_ID));
        return c;
    }

    private static void step(FsmHarness h, FakeConnection c, Random rnd, RandomMessages gen, StringBuilder trace) {
        DecodeContext ctx = h.fsm.decodeContext(c);
        EncodeContext enc = new EncodeContext(ctx.fourOctetAs(), ctx.extendedMessages());
        byte[] input;
        switch (rnd.nextInt(6)) {
            case 0 -> {
                double s = rnd.nextDouble() * 120;
                trace.append("  advance ").append(s).append(" s\n");
                h.time.advanceSeconds(s);
                return;
            }
            case 1 -> input = MessageCodec.encode(Keepalive.INSTANCE, enc);
            case 2, 3 -> input = MessageCodec.encode(gen.message(ctx), enc);
            case 4 -> input = FuzzTest.mutate(rnd, MessageCodec.encode(gen.message(ctx), enc));
            default -> input = FuzzTest.randomMessage(rnd);
        }
        trace.append("  ").append(HexFormat.of().formatHex(input)).append('\n');
        Framer framer = new Framer();
        framer.extendedMessages(ctx.extendedMessages());
        framer.feed(ByteBuffer.wrap(input));
        for (FrameResult r = framer.next(); !(r instanceof FrameResult.NeedMore); r = framer.next()) {
            if (r instanceof FrameResult.Complete f) h.receiveFrame(c, f.frame());
            else if (r instanceof FrameResult.Failed f) {
                h.fsm.handle(FrameEvents.framingFailed(c, f.error()));
                return;
            }
        }
    }
}
