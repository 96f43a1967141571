package dev.junction.bgp.wire;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;

import static dev.junction.bgp.wire.ErrorAction.AFI_SAFI_DISABLE;
import static dev.junction.bgp.wire.ErrorAction.ATTRIBUTE_DISCARD;
import static dev.junction.bgp.wire.ErrorAction.SESSION_RESET;
import static dev.junction.bgp.wire.ErrorAction.TREAT_AS_WITHDRAW;
import static dev.junction.bgp.wire.Hex.attr;
import static dev.junction.bgp.wire.Hex.concat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every UPDATE error of RFC 4271 §6.3 with the RFC 7606 action (plus RFC 6793 §6 and RFC 7607). A row names the
 * session (4-/2-octet AS, external/internal), the wire message, and the expected action and subcode; a null
 * action means a clean decode. Base routes: 10.0.0.0/8 via 10.0.0.1 from AS 65001.
 */
@Tag("unit")
class UpdateErrorsTest {
    static final DecodeContext E4 = DecodeContext.of(true, true);
    static final DecodeContext I4 = DecodeContext.of(true, false);
    static final DecodeContext E2 = DecodeContext.of(false, true);
    static final DecodeContext V4_ONLY = E4.withMultiprotocol(Set.of(AfiSafi.IPV4_UNICAST));

    static final byte[] ORIGIN = attr(0x40, 1, "00");
    static final byte[] AS_PATH4 = attr(0x40, 2, "02 01 0000fde9");
    static final byte[] AS_PATH2 = attr(0x40, 2, "02 01 fde9");
    static final byte[] NEXT_HOP = attr(0x40, 3, "0a000001");
    static final byte[] BASE4 = concat(ORIGIN, AS_PATH4, NEXT_HOP);
    static final byte[] BASE2 = concat(ORIGIN, AS_PATH2, NEXT_HOP);
    static final byte[] NLRI = Hex.of("08 0a");
    static final String V6_NH = "0002 01 10 20010db8000000000000000000000001 00";

    record Row(String name, DecodeContext ctx, byte[] wire, ErrorAction action, int subcode) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** An UPDATE with the base attributes, {@code extra} after them, and the NLRI field. */
    static byte[] withBase(byte[] base, byte[]... extra) {
        return Hex.update(new byte[0], concat(base, concat(extra)), NLRI);
    }

    static byte[] mpOnly(byte[]... attrs) {
        return Hex.update(new byte[0], concat(attrs), new byte[0]);
    }

    static Row row(String name, DecodeContext ctx, byte[] wire, ErrorAction action, int subcode) {
        return new Row(name, ctx, wire, action, subcode);
    }

    static List<Row> rows() {
        return List.of(
                // RFC 7606 §3 (b): length fields larger than the message.
                row("withdrawn length too large", E4, Hex.message(2, Hex.of("0010 0000")), SESSION_RESET, 1),
                row("attribute length too large", E4, Hex.message(2, Hex.of("0000 0010 40010100")), SESSION_RESET, 1),
                // RFC 7606 §3 (i), (j), §5.3: NLRI syntax.
                row("withdrawn prefix /33", E4, Hex.message(2, Hex.of("0001 21 0000")), SESSION_RESET, 10),
                row("withdrawn prefix overrun", E4, Hex.message(2, Hex.of("0002 18 0a 0000")), SESSION_RESET, 10),
                row("NLRI prefix /33", E4, Hex.update(new byte[0], BASE4, Hex.of("21 0a000000 00")), SESSION_RESET, 10),
                row("NLRI prefix overrun", E4, Hex.update(new byte[0], BASE4, Hex.of("18 0a01")), SESSION_RESET, 10),
                // RFC 7606 §3 (g): duplicates.
                row("MP_REACH twice", E4, mpOnly(ORIGIN, AS_PATH4, attr(0x80, 14, V6_NH), attr(0x80, 14, V6_NH)), SESSION_RESET, 1),
                row("MP_UNREACH twice", E4, mpOnly(attr(0x80, 15, "0002 01"), attr(0x80, 15, "0002 01")), SESSION_RESET, 1),
                row("ORIGIN twice keeps the first", E4, withBase(BASE4, attr(0x40, 1, "02")), ATTRIBUTE_DISCARD, 1),
                // RFC 7606 §4: attribute framing.
                row("truncated attribute header", E4, withBase(BASE4, Hex.of("c008")), TREAT_AS_WITHDRAW, 1),
                row("truncated extended header", E4, withBase(BASE4, Hex.of("d00800")), TREAT_AS_WITHDRAW, 1),
                row("attribute overruns the list", E4, withBase(BASE4, Hex.of("c00808 0000")), TREAT_AS_WITHDRAW, 5),
                // RFC 4271 §6.3 unrecognized well-known; optional unknown is fine.
                row("unrecognized well-known", E4, withBase(BASE4, attr(0x40, 99, "00")), TREAT_AS_WITHDRAW, 2),
                row("unknown optional kept", E4, withBase(BASE4, attr(0x80, 99, "00")), null, 0),
                row("unknown optional empty kept", E4, withBase(BASE4, attr(0xc0, 98, "")), null, 0),
                // RFC 7606 §3 (c): flags.
                row("ORIGIN marked optional", E4, withBase(concat(attr(0xc0, 1, "00"), AS_PATH4, NEXT_HOP)), TREAT_AS_WITHDRAW, 4),
                row("AS_PATH marked non-transitive", E4, withBase(concat(ORIGIN, attr(0x00, 2, "02 01 0000fde9"), NEXT_HOP)), TREAT_AS_WITHDRAW, 4),
                row("MED marked transitive", E4, withBase(BASE4, attr(0xc0, 4, "00000000")), TREAT_AS_WITHDRAW, 4),
                row("COMMUNITIES marked well-known", E4, withBase(BASE4, attr(0x40, 8, "00000001")), TREAT_AS_WITHDRAW, 4),
                row("AGGREGATOR marked well-known", E4, withBase(BASE4, attr(0x40, 7, "0000fde9 0a000001")), ATTRIBUTE_DISCARD, 4),
                row("ATOMIC_AGGREGATE marked optional", E4, withBase(BASE4, attr(0xc0, 6, "")), ATTRIBUTE_DISCARD, 4),
                row("MP_REACH marked transitive", E4, withBase(BASE4, attr(0xc0, 14, V6_NH)), AFI_SAFI_DISABLE, 4),
                row("partial bit on well-known ignored", E4, withBase(concat(attr(0x60, 1, "00"), AS_PATH4, NEXT_HOP)), null, 0),
                // RFC 7606 §3 (d): missing well-known mandatory.
                row("missing ORIGIN", E4, withBase(concat(AS_PATH4, NEXT_HOP)), TREAT_AS_WITHDRAW, 3),
                row("missing AS_PATH", E4, withBase(concat(ORIGIN, NEXT_HOP)), TREAT_AS_WITHDRAW, 3),
                row("missing NEXT_HOP", E4, withBase(concat(ORIGIN, AS_PATH4)), TREAT_AS_WITHDRAW, 3),
                row("MP only needs no NEXT_HOP", E4, mpOnly(attr(0x80, 14, V6_NH + "08 0a"), ORIGIN, AS_PATH4), null, 0),
                row("MP only missing ORIGIN", E4, mpOnly(attr(0x80, 14, V6_NH + "08 0a"), AS_PATH4), TREAT_AS_WITHDRAW, 3),
                row("withdraw only needs nothing", E4, Hex.message(2, Hex.of("0002 08 0a 0000")), null, 0),
                // RFC 7606 §7.1 ORIGIN.
                row("ORIGIN length 2", E4, withBase(concat(attr(0x40, 1, "0000"), AS_PATH4, NEXT_HOP)), TREAT_AS_WITHDRAW, 5),
                row("ORIGIN value 3", E4, withBase(concat(attr(0x40, 1, "03"), AS_PATH4, NEXT_HOP)), TREAT_AS_WITHDRAW, 6),
                // RFC 7606 §7.2 AS_PATH, RFC 7607 AS 0.
                row("AS_PATH segment type 5", E4, withBase(concat(ORIGIN, attr(0x40, 2, "05 01 0000fde9"), NEXT_HOP)), TREAT_AS_WITHDRAW, 11),
                row("AS_PATH overrun", E4, withBase(concat(ORIGIN, attr(0x40, 2, "02 02 0000fde9"), NEXT_HOP)), TREAT_AS_WITHDRAW, 11),
                row("AS_PATH underrun", E4, withBase(concat(ORIGIN, attr(0x40, 2, "02 01 0000fde9 02"), NEXT_HOP)), TREAT_AS_WITHDRAW, 11),
                row("AS_PATH zero-length segment", E4, withBase(concat(ORIGIN, attr(0x40, 2, "02 00"), NEXT_HOP)), TREAT_AS_WITHDRAW, 11),
                row("AS_PATH AS 0", E4, withBase(concat(ORIGIN, attr(0x40, 2, "02 01 00000000"), NEXT_HOP)), TREAT_AS_WITHDRAW, 11),
                row("AS_PATH 2-octet read as 4-octet", E4, withBase(BASE2), TREAT_AS_WITHDRAW, 11),
                row("AS_PATH empty is valid", I4, withBase(concat(ORIGIN, attr(0x40, 2, ""), NEXT_HOP)), null, 0),
                // RFC 7606 §7.3 NEXT_HOP; RFC 4271 §6.3 host address.
                row("NEXT_HOP length 5", E4, withBase(concat(ORIGIN, AS_PATH4, attr(0x40, 3, "0a00000100"))), TREAT_AS_WITHDRAW, 5),
                row("NEXT_HOP 0.0.0.0", E4, withBase(concat(ORIGIN, AS_PATH4, attr(0x40, 3, "00000000"))), TREAT_AS_WITHDRAW, 8),
                row("NEXT_HOP multicast", E4, withBase(concat(ORIGIN, AS_PATH4, attr(0x40, 3, "e0000001"))), TREAT_AS_WITHDRAW, 8),
                row("NEXT_HOP ignored with MP only", E4, mpOnly(attr(0x80, 14, V6_NH + "08 0a"), ORIGIN, AS_PATH4, attr(0x40, 3, "00000000")), null, 0),
                // RFC 7606 §7.4 - §7.10.
                row("MED length 3", E4, withBase(BASE4, attr(0x80, 4, "000000")), TREAT_AS_WITHDRAW, 5),
                row("LOCAL_PREF from external", E4, withBase(BASE4, attr(0x40, 5, "00000064")), ATTRIBUTE_DISCARD, 9),
                row("LOCAL_PREF length 3 internal", I4, withBase(BASE4, attr(0x40, 5, "000064")), TREAT_AS_WITHDRAW, 5),
                row("ATOMIC_AGGREGATE length 1", E4, withBase(BASE4, attr(0x40, 6, "00")), ATTRIBUTE_DISCARD, 5),
                row("AGGREGATOR length 6 on 4-octet", E4, withBase(BASE4, attr(0xc0, 7, "fde9 0a000001")), ATTRIBUTE_DISCARD, 5),
                row("AGGREGATOR length 8 on 2-octet", E2, withBase(BASE2, attr(0xc0, 7, "0000fde9 0a000001")), ATTRIBUTE_DISCARD, 5),
                row("AGGREGATOR AS 0", E4, withBase(BASE4, attr(0xc0, 7, "00000000 0a000001")), ATTRIBUTE_DISCARD, 9),
                row("COMMUNITIES empty", E4, withBase(BASE4, attr(0xc0, 8, "")), TREAT_AS_WITHDRAW, 5),
                row("COMMUNITIES length 5", E4, withBase(BASE4, attr(0xc0, 8, "0000000100")), TREAT_AS_WITHDRAW, 5),
                row("ORIGINATOR_ID from external", E4, withBase(BASE4, attr(0x80, 9, "0a000001")), ATTRIBUTE_DISCARD, 9),
                row("ORIGINATOR_ID length 5 internal", I4, withBase(BASE4, attr(0x80, 9, "0a00000100")), TREAT_AS_WITHDRAW, 5),
                row("CLUSTER_LIST from external", E4, withBase(BASE4, attr(0x80, 10, "0a000001")), ATTRIBUTE_DISCARD, 9),
                row("CLUSTER_LIST length 6 internal", I4, withBase(BASE4, attr(0x80, 10, "0a0000010000")), TREAT_AS_WITHDRAW, 5),
                row("CLUSTER_LIST empty internal", I4, withBase(BASE4, attr(0x80, 10, "")), TREAT_AS_WITHDRAW, 5),
                // RFC 7606 §5.3, §7.11 MP_REACH / MP_UNREACH (RFC 4760 §7 subcode Optional Attribute Error).
                row("MP_REACH length 2", E4, withBase(BASE4, attr(0x80, 14, "0002")), SESSION_RESET, 9),
                row("MP_REACH length 4", E4, withBase(BASE4, attr(0x80, 14, "0002 01 10")), AFI_SAFI_DISABLE, 9),
                row("MP_REACH IPv6 next hop of 8", E4, withBase(BASE4, attr(0x80, 14, "0002 01 08 2001 0db8 0000 0001 00")), AFI_SAFI_DISABLE, 9),
                row("MP_REACH IPv4 next hop of 16", E4, withBase(BASE4, attr(0x80, 14, "0001 01 10 20010db8000000000000000000000001 00")), AFI_SAFI_DISABLE, 9),
                row("MP_REACH next hop overruns", E4, withBase(BASE4, attr(0x80, 14, "0002 01 20 20010db8")), AFI_SAFI_DISABLE, 9),
                row("MP_REACH missing reserved", E4, withBase(BASE4, attr(0x80, 14, "0002 01 10 20010db8000000000000000000000001")), AFI_SAFI_DISABLE, 9),
                row("MP_REACH prefix /129", E4, withBase(BASE4, attr(0x80, 14, V6_NH + "81 00")), AFI_SAFI_DISABLE, 9),
                row("MP_REACH prefix overrun", E4, withBase(BASE4, attr(0x80, 14, V6_NH + "40 2001")), AFI_SAFI_DISABLE, 9),
                row("MP_REACH alone malformed resets", E4, mpOnly(attr(0x80, 14, V6_NH + "81 00"), ORIGIN, AS_PATH4), SESSION_RESET, 9),
                row("MP_REACH not negotiated", V4_ONLY, withBase(BASE4, attr(0x80, 14, V6_NH + "08 20")), ATTRIBUTE_DISCARD, 9),
                row("MP_REACH unsupported SAFI", E4, withBase(BASE4, attr(0x80, 14, "0001 80 04 0a000001 00")), ATTRIBUTE_DISCARD, 9),
                row("MP_UNREACH length 2", E4, mpOnly(attr(0x80, 15, "0002")), SESSION_RESET, 9),
                row("MP_UNREACH prefix overrun", E4, mpOnly(attr(0x80, 15, "0002 01 40 2001")), AFI_SAFI_DISABLE, 9),
                row("MP_UNREACH marked transitive", E4, mpOnly(attr(0xc0, 15, "0002 01")), AFI_SAFI_DISABLE, 4),
                row("MP_UNREACH short marked transitive", E4, mpOnly(attr(0xc0, 15, "0002")), SESSION_RESET, 4),
                // RFC 6793 §4.1, §6 and RFC 7607 for AS4_PATH / AS4_AGGREGATOR.
                row("AS4_PATH from 4-octet peer", E4, withBase(BASE4, attr(0xc0, 17, "02 01 fa56ea01")), ATTRIBUTE_DISCARD, 9),
                row("AS4_AGGREGATOR from 4-octet peer", E4, withBase(BASE4, attr(0xc0, 18, "fa56ea01 0a000001")), ATTRIBUTE_DISCARD, 9),
                row("AS4_PATH overrun", E2, withBase(BASE2, attr(0xc0, 17, "02 02 fa56ea01")), ATTRIBUTE_DISCARD, 9),
                row("AS4_PATH empty", E2, withBase(BASE2, attr(0xc0, 17, "")), ATTRIBUTE_DISCARD, 5),
                row("AS4_PATH AS 0", E2, withBase(BASE2, attr(0xc0, 17, "02 01 00000000")), ATTRIBUTE_DISCARD, 9),
                row("AS4_PATH marked well-known", E2, withBase(BASE2, attr(0x40, 17, "02 01 fa56ea01")), ATTRIBUTE_DISCARD, 4),
                row("AS4_PATH confederation removed", E2, withBase(BASE2, attr(0xc0, 17, "03 01 0000fc00 02 01 fa56ea01")), ATTRIBUTE_DISCARD, 9),
                row("AS4_AGGREGATOR length 6", E2, withBase(BASE2, attr(0xc0, 18, "5ba0 0a000001")), ATTRIBUTE_DISCARD, 5),
                row("AS4_AGGREGATOR AS 0", E2, withBase(BASE2, attr(0xc0, 18, "00000000 0a000001")), ATTRIBUTE_DISCARD, 9),
                // RFC 7606 §5.2: no reachable NLRI escalates anything but attribute discard.
                row("no NLRI, malformed ORIGIN", E4, mpOnly(attr(0x40, 1, "03"), AS_PATH4), SESSION_RESET, 6),
                row("withdrawn and malformed MED", E4, Hex.update(Hex.of("08 0a"), attr(0x80, 4, "00"), new byte[0]), SESSION_RESET, 5),
                row("no NLRI, attribute discard stays", E4, mpOnly(ORIGIN, AS_PATH4, attr(0x40, 6, "00")), ATTRIBUTE_DISCARD, 5),
                // RFC 7606 §3 (h): the strongest action wins.
                row("withdraw beats discard", E4, withBase(BASE4, attr(0x40, 6, "00"), attr(0x80, 4, "00")), TREAT_AS_WITHDRAW, 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void appliesTheRfc7606Action(Row row) {
        DecodeResult r = MessageCodec.decodeStrict(frame(row.wire, row.ctx), row.ctx);
        if (row.action == null) {
            assertThat(r).isInstanceOfSatisfying(DecodeResult.Ok.class, ok -> assertThat(ok.problems()).isEmpty());
        } else if (row.action == SESSION_RESET) {
            assertThat(r).isInstanceOfSatisfying(DecodeResult.Failure.class, f -> {
                assertThat(f.error().action()).isEqualTo(SESSION_RESET);
                assertThat(f.error().code()).isEqualTo(ErrorCodes.UPDATE_MESSAGE);
                assertThat(f.error().subcode()).as(f.error().toString()).isEqualTo(row.subcode);
            });
        } else {
            assertThat(r).isInstanceOfSatisfying(DecodeResult.Ok.class, ok -> {
                assertThat(ok.action()).as(ok.problems().toString()).contains(row.action);
                DecodeError strongest = ok.problems().stream().filter(p -> p.action() == row.action).findFirst().orElseThrow();
                assertThat(strongest.code()).isEqualTo(ErrorCodes.UPDATE_MESSAGE);
                assertThat(strongest.subcode()).as(strongest.toString()).isEqualTo(row.subcode);
            });
        }
    }

    static Frame frame(byte[] wire, DecodeContext ctx) {
        return ((FrameResult.Complete) Framer.frame(wire, ctx.extendedMessages())).frame();
    }

    @Test
    void notificationDataIsTheErroneousAttribute() {
        byte[] badOrigin = attr(0x40, 1, "03");
        DecodeResult.Ok r = (DecodeResult.Ok) MessageCodec.decode(withBase(concat(badOrigin, AS_PATH4, NEXT_HOP)), E4);
        assertThat(r.problems().getFirst().data()).isEqualTo(badOrigin);
        assertThat(r.problems().getFirst().toNotification()).isEqualTo(new Notification(3, 6, badOrigin));
        DecodeResult.Ok missing = (DecodeResult.Ok) MessageCodec.decode(withBase(concat(ORIGIN, NEXT_HOP)), E4);
        assertThat(missing.problems().getFirst().data()).containsExactly(2);
    }

    @Test
    void treatAsWithdrawStillReportsTheRoutes() {
        DecodeResult.Ok r = (DecodeResult.Ok) MessageCodec.decode(withBase(concat(attr(0x40, 1, "03"), AS_PATH4, NEXT_HOP)), E4);
        Update u = (Update) r.message();
        assertThat(u.attribute(PathAttribute.Origin.class)).isEmpty();
        assertThat(u.treatAsWithdraw()).containsEntry(AfiSafi.IPV4_UNICAST, List.of(Prefix.parse("10.0.0.0/8")));
    }

    @Test
    void afiSafiDisableNamesTheFamily() {
        DecodeResult.Ok r = (DecodeResult.Ok) MessageCodec.decode(withBase(BASE4, attr(0x80, 14, V6_NH + "81 00")), E4);
        assertThat(r.problems().getFirst().family()).isEqualTo(AfiSafi.IPV6_UNICAST);
    }

    @Test
    void discardedAttributesAreLeftOutAndDuplicatesKeepTheFirst() {
        Update u = (Update) ((DecodeResult.Ok) MessageCodec.decode(withBase(BASE4, attr(0x40, 1, "02"), attr(0x40, 6, "00")), E4)).message();
        assertThat(u.attribute(PathAttribute.Origin.class)).contains(PathAttribute.Origin.IGP);
        assertThat(u.attribute(PathAttribute.AtomicAggregate.class)).isEmpty();
        Update confed = (Update) ((DecodeResult.Ok) MessageCodec.decode(
                withBase(BASE2, attr(0xc0, 17, "03 01 0000fc00 02 01 fa56ea01")), E2)).message();
        assertThat(confed.attribute(PathAttribute.As4Path.class).orElseThrow().segments())
                .containsExactly(AsPathSegment.sequence(4200000001L));
    }
}
