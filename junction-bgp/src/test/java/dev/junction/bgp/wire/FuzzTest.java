package dev.junction.bgp.wire;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fixed-seed fuzzing of the framer and decoder: valid messages (which must round-trip), mutations of valid
 * messages, and random bytes behind a valid header. Every input must yield a message or an error value, never an
 * exception. The default run is 20,000 inputs and takes a few seconds. Longer runs by hand:
 * <pre>
 *   mvn -o test -pl junction-bgp -Dtest=FuzzTest -Dbgp.fuzz.count=2000000 -Dbgp.fuzz.seed=42
 * </pre>
 * or {@code java -cp target/classes:target/test-classes dev.junction.bgp.wire.FuzzTest [count] [seed]}.
 * A failing input is printed as hex; add it under {@code src/test/resources/dev/junction/bgp/wire/regressions}.
 */
@Tag("unit")
public class FuzzTest {
    public static final long DEFAULT_SEED = 0x4A756E6374696F6EL; // "Junction"

    record Stats(int inputs, int frames, int ok, int failures, int headerErrors, int roundTrips) {
    }

    @Test
    void decoderNeverThrowsAndValidMessagesRoundTrip() {
        int count = Integer.getInteger("bgp.fuzz.count", 20_000);
        long seed = Long.getLong("bgp.fuzz.seed", DEFAULT_SEED);
        Stats s = run(seed, count);
        assertThat(s.inputs()).isEqualTo(count);
        // The mix must reach the decoders, not only the framer.
        assertThat(s.ok()).isGreaterThan(count / 4);
        assertThat(s.failures()).isGreaterThan(count / 20);
        assertThat(s.roundTrips()).isGreaterThan(count / 5);
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        long t0 = System.nanoTime();
        Stats s = run(seed, count);
        System.out.printf("seed %d: %s in %d ms%n", seed, s, (System.nanoTime() - t0) / 1_000_000);
    }

    static Stats run(long seed, int count) {
        Random rnd = new Random(seed);
        RandomMessages gen = new RandomMessages(rnd);
        int[] tally = new int[5];
        for (int i = 0; i < count; i++) {
            DecodeContext ctx = gen.context();
            byte[] input;
            switch (i % 4) {
                case 0 -> {
                    BgpMessage m = gen.message(ctx);
                    input = MessageCodec.encode(m, EncodeContext.of(ctx));
                    DecodeResult r = MessageCodec.decodeStrict(((FrameResult.Complete) Framer.frame(input, ctx.extendedMessages())).frame(), ctx);
                    if (!r.equals(new DecodeResult.Ok(m))) {
                        throw new AssertionError("round trip failed, seed " + seed + " input " + i + " ctx " + ctx + ": " + m + " -> " + r
                                + "\n" + HexFormat.of().formatHex(input));
                    }
                    tally[4]++;
                }
                case 1, 2 -> input = mutate(rnd, MessageCodec.encode(gen.message(ctx), EncodeContext.of(ctx)));
                default -> input = randomMessage(rnd);
            }
            feed(rnd, input, ctx, tally, seed, i);
        }
        return new Stats(count, tally[0], tally[1], tally[2], tally[3], tally[4]);
    }

    /** Feeds in random chunks and decodes every frame; any exception fails with the reproducer. */
    private static void feed(Random rnd, byte[] input, DecodeContext ctx, int[] tally, long seed, int i) {
        try {
            Framer f = new Framer();
            f.extendedMessages(ctx.extendedMessages());
            int pos = 0;
            while (pos < input.length) {
                int n = Math.min(input.length - pos, 1 + rnd.nextInt(64));
                f.feed(ByteBuffer.wrap(input, pos, n));
                pos += n;
                FrameResult fr;
                while ((fr = f.next()) instanceof FrameResult.Complete c) {
                    tally[0]++;
                    DecodeResult r = MessageCodec.decodeStrict(c.frame(), ctx);
                    switch (r) {
                        case DecodeResult.Ok ok -> {
                            if (ok.message() == null) throw new AssertionError("Ok without message");
                            reencodes(ok.message(), ctx);
                            tally[1]++;
                        }
                        case DecodeResult.Failure fail -> {
                            if (fail.error() == null) throw new AssertionError("Failure without error");
                            tally[2]++;
                        }
                    }
                }
                if (fr instanceof FrameResult.Failed) {
                    tally[3]++;
                    return;
                }
            }
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("decoder threw, seed " + seed + " input " + i + " ctx " + ctx + "\n"
                    + HexFormat.of().formatHex(input), e);
        }
    }

    /**
     * What the decoder accepted re-encodes (unless the encoder refuses to send it, e.g. RFC 7606 §5.1 shapes) and
     * decodes to the same message: decoding is idempotent.
     */
    private static void reencodes(BgpMessage m, DecodeContext ctx) {
        byte[] again;
        try {
            again = MessageCodec.encode(m, EncodeContext.of(ctx));
        } catch (IllegalArgumentException refused) {
            return;
        }
        DecodeResult r = MessageCodec.decodeStrict(((FrameResult.Complete) Framer.frame(again, ctx.extendedMessages())).frame(), ctx);
        if (!(r instanceof DecodeResult.Ok ok) || !canonical(ok.message()).equals(canonical(m))) {
            throw new AssertionError("re-encoded " + m + " decodes to " + r);
        }
    }

    /** Attribute order is kept as received, and the encoder writes its own order (RFC 7606 §5.1). */
    private static BgpMessage canonical(BgpMessage m) {
        if (!(m instanceof Update u)) return m;
        List<PathAttribute> sorted = new ArrayList<>(u.attributes());
        sorted.sort(Comparator.comparingInt(PathAttribute::typeCode));
        return new Update(u.withdrawn(), sorted, u.nlri());
    }

    public static byte[] mutate(Random rnd, byte[] m) {
        byte[] out = m.clone();
        int rounds = 1 + rnd.nextInt(3);
        for (int r = 0; r < rounds && out.length > 19; r++) {
            int at = 19 + rnd.nextInt(out.length - 19);
            switch (rnd.nextInt(8)) {
                case 0 -> out[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> out[at] = (byte) rnd.nextInt(256);
                case 2 -> out[at] = (byte) (rnd.nextBoolean() ? 0 : 0xFF);
                case 3 -> {
                    if (at + 1 < out.length) {
                        int v = rnd.nextInt(4) == 0 ? rnd.nextInt(65536) : rnd.nextInt(40);
                        out[at] = (byte) (v >>> 8);
                        out[at + 1] = (byte) v;
                    }
                }
                case 4 -> out = Arrays.copyOf(out, at);
                case 5 -> {
                    byte[] extra = new byte[1 + rnd.nextInt(8)];
                    rnd.nextBytes(extra);
                    byte[] grown = new byte[out.length + extra.length];
                    System.arraycopy(out, 0, grown, 0, at);
                    System.arraycopy(extra, 0, grown, at, extra.length);
                    System.arraycopy(out, at, grown, at + extra.length, out.length - at);
                    out = grown;
                }
                case 6 -> {
                    int n = Math.min(out.length - at, 1 + rnd.nextInt(6));
                    byte[] shrunk = new byte[out.length - n];
                    System.arraycopy(out, 0, shrunk, 0, at);
                    System.arraycopy(out, at + n, shrunk, at, out.length - at - n);
                    out = shrunk;
                }
                default -> out[16 + rnd.nextInt(3)] = (byte) rnd.nextInt(256); // header length or type
            }
        }
        // Usually keep the header's Length consistent so that the body decoders see the damage.
        if (rnd.nextInt(8) != 0 && out.length >= 19 && out.length <= 65535) {
            out[16] = (byte) (out.length >>> 8);
            out[17] = (byte) out.length;
        }
        return out;
    }

    public static byte[] randomMessage(Random rnd) {
        int bodyLength = rnd.nextInt(4) == 0 ? rnd.nextInt(600) : rnd.nextInt(40);
        byte[] body = new byte[bodyLength];
        rnd.nextBytes(body);
        if (bodyLength >= 4 && rnd.nextBoolean()) {
            // Small length fields make UPDATE and OPEN bodies more often self-consistent.
            body[0] = 0;
            body[2] = 0;
        }
        return Hex.message(1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 255 : 5), body);
    }
}
