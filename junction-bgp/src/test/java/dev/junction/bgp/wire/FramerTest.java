package dev.junction.bgp.wire;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Framing (RFC 4271 §4.1) and Message Header Errors (RFC 4271 §6.1, RFC 8654 §4). */
@Tag("unit")
class FramerTest {
    private static final byte[] KEEPALIVE = Hex.of("MARKER 0013 04");
    private static final byte[] EOR = Hex.of("MARKER 0017 02 0000 0000");

    private static List<Frame> drain(Framer f) {
        List<Frame> out = new ArrayList<>();
        while (f.next() instanceof FrameResult.Complete c) out.add(c.frame());
        return out;
    }

    @Test
    void cutsSeveralMessagesOutOfOneRead() {
        Framer f = new Framer();
        f.feed(ByteBuffer.wrap(Hex.concat(KEEPALIVE, EOR, KEEPALIVE)));
        assertThat(drain(f)).extracting(Frame::type)
                .containsExactly(MessageType.KEEPALIVE, MessageType.UPDATE, MessageType.KEEPALIVE);
        assertThat(f.buffered()).isZero();
        assertThat(f.next()).isEqualTo(new FrameResult.NeedMore(19));
    }

    @Test
    void reassemblesAMessageFedOneOctetAtATime() {
        Framer f = new Framer();
        byte[] stream = Hex.concat(EOR, KEEPALIVE);
        List<Frame> frames = new ArrayList<>();
        for (byte b : stream) {
            f.feed(ByteBuffer.wrap(new byte[]{b}));
            frames.addAll(drain(f));
        }
        assertThat(frames).containsExactly(new Frame(MessageType.UPDATE, Hex.of("0000 0000")), new Frame(MessageType.KEEPALIVE, new byte[0]));
    }

    @Test
    void saysHowManyOctetsAreMissing() {
        Framer f = new Framer();
        f.feed(ByteBuffer.wrap(EOR, 0, 10));
        assertThat(f.next()).isEqualTo(new FrameResult.NeedMore(9));
        f.feed(ByteBuffer.wrap(EOR, 10, 10));
        assertThat(f.next()).isEqualTo(new FrameResult.NeedMore(3));
    }

    @Test
    void growsForExtendedMessages() {
        byte[] body = new byte[60000];
        body[1] = 0; // withdrawn length 0, then attribute length below
        body[2] = (byte) (59996 >>> 8);
        body[3] = (byte) 59996;
        byte[] big = Hex.message(2, body);
        Framer f = new Framer();
        f.extendedMessages(true);
        f.feed(ByteBuffer.wrap(big));
        assertThat(f.next()).isInstanceOf(FrameResult.Complete.class);
    }

    @Test
    void headerErrorsStick() {
        Framer f = new Framer();
        byte[] bad = KEEPALIVE.clone();
        bad[3] = 0;
        f.feed(ByteBuffer.wrap(Hex.concat(bad, KEEPALIVE)));
        FrameResult first = f.next();
        assertThat(first).isInstanceOf(FrameResult.Failed.class);
        assertThat(f.next()).isEqualTo(first);
    }

    /** Every RFC 4271 §6.1 case; data is the Length field for Bad Message Length and the Type for Bad Message Type. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "marker not all ones;        ffffffffffffffffffffffffffff7fff 0013 04; false; 1; ''",
            "length below 19;            MARKER 0012 04;                          false; 2; 0012",
            "length above 4096;          MARKER 1001 02;                          false; 2; 1001",
            "KEEPALIVE longer than 19;   MARKER 0014 04;                          false; 2; 0014",
            "OPEN shorter than 29;       MARKER 001c 01;                          false; 2; 001c",
            "UPDATE shorter than 23;     MARKER 0016 02;                          false; 2; 0016",
            "NOTIFICATION shorter than 21; MARKER 0014 03;                        false; 2; 0014",
            "ROUTE-REFRESH shorter than 23; MARKER 0016 05;                       false; 2; 0016",
            "OPEN above 4096 even extended; MARKER 1001 01;                       true;  2; 1001",
            "KEEPALIVE above 4096 extended; MARKER 1001 04;                       true;  2; 1001",
            "type 0;                     MARKER 0013 00;                          false; 3; 00",
            "type 6;                     MARKER 0013 06;                          false; 3; 06",
            "type 255;                   MARKER 0013 ff;                          false; 3; ff",
    })
    void reportsHeaderErrors(String name, String header, boolean extended, int subcode, String data) {
        Framer f = new Framer();
        f.extendedMessages(extended);
        f.feed(ByteBuffer.wrap(Hex.of(header)));
        assertThat(f.next()).isInstanceOfSatisfying(FrameResult.Failed.class, r -> {
            assertThat(r.error().action()).isEqualTo(ErrorAction.SESSION_RESET);
            assertThat(r.error().code()).isEqualTo(ErrorCodes.MESSAGE_HEADER);
            assertThat(r.error().subcode()).isEqualTo(subcode);
            assertThat(Hex.of(r.error().data())).isEqualTo(data);
        });
    }

    @Test
    void acceptsAnExtendedUpdateOnlyAfterNegotiation() {
        byte[] header = Hex.of("MARKER 1001 02");
        Framer plain = new Framer();
        plain.feed(ByteBuffer.wrap(header));
        assertThat(plain.next()).isInstanceOf(FrameResult.Failed.class);
        Framer extended = new Framer();
        extended.extendedMessages(true);
        extended.feed(ByteBuffer.wrap(header));
        assertThat(extended.next()).isEqualTo(new FrameResult.NeedMore(4097 - 19));
    }

    @Test
    void frameRejectsTrailingOctets() {
        assertThat(Framer.frame(Hex.concat(KEEPALIVE, new byte[]{0}), false)).isInstanceOf(FrameResult.Failed.class);
        assertThat(Framer.frame(KEEPALIVE, false)).isEqualTo(new FrameResult.Complete(new Frame(MessageType.KEEPALIVE, new byte[0])));
    }
}
