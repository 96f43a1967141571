package dev.junction.netlink;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Attribute and message padding: odd payloads, a final attribute without padding, bad lengths, type bits. */
@Tag("unit")
class AttributeAlignmentTest {
    @BeforeAll
    static void littleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "canned bytes are little-endian (host order)");
    }

    private static Attributes parse(String hex) {
        return Attributes.parse(ByteBuffer.wrap(Hex.bytes(hex)).order(ByteOrder.nativeOrder()), 0);
    }

    @Test
    void theLengthExcludesPaddingButTheNextAttributeStartsAligned() {
        Attributes a = parse("""
                0500 0100 07 000000      # u8 7, then 3 bytes of padding
                0600 0200 1234 0000      # be16 0x1234, 2 bytes of padding
                0700 0300 616200 00      # "ab\\0", 1 byte of padding
                0800 0400 2a000000       # u32 42
                """);
        assertThat(a.u8(1, -1)).isEqualTo(7);
        assertThat(a.be16(2, -1)).isEqualTo(0x1234);
        assertThat(a.string(3)).contains("ab");
        assertThat(a.u32(4, -1)).isEqualTo(42);
        assertThat(a.bytes(1)).hasValueSatisfying(b -> assertThat(b).hasSize(1));
    }

    @Test
    void theFinalAttributeMayLackItsPadding() {
        Attributes a = parse("0800 0100 01000000 0500 0200 09");
        assertThat(a.u8(2, -1)).isEqualTo(9);
    }

    @Test
    void anEmptyPayloadIsAFlag() {
        Attributes a = parse("0400 0500 0800 0600 03000000");
        assertThat(a.has(5)).isTrue();
        assertThat(a.bytes(5)).hasValueSatisfying(b -> assertThat(b).isEmpty());
        assertThat(a.u32(5, -1)).as("too short for a u32: absent").isEqualTo(-1);
        assertThat(a.u32(6, -1)).isEqualTo(3);
    }

    @Test
    void nestedAndByteOrderBitsAreNotPartOfTheType() {
        Attributes a = parse("0c00 1280 | 0800 01c0 05000000");
        assertThat(a.has(0x12)).isTrue();
        assertThat(a.nested(0x12).u32(1, -1)).isEqualTo(5);
        assertThat(a.nested(0x99).has(1)).as("an absent nest is empty").isFalse();
    }

    @Test
    void lengthsBeyondTheEndOrBelowTheHeaderAreRejected() {
        assertThatThrownBy(() -> parse("0c00 0100 01000000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad attribute length 12");
        assertThatThrownBy(() -> parse("0200 0100 01000000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad attribute length 2");
        assertThat(parse("0800 01").has(1)).as("fewer than 4 trailing bytes are ignored").isFalse();
    }

    @Test
    void messagesInADatagramArePaddedToo() {
        ByteBuffer d = ByteBuffer.wrap(Hex.bytes("""
                11000000 1000 0200 01000000 00000000 ff 000000   # len 17: one payload byte, then padding
                14000000 0300 0200 01000000 00000000 00000000    # NLMSG_DONE
                """)).order(ByteOrder.nativeOrder());
        var messages = NetlinkMessage.split(d);
        assertThat(messages).extracting(NetlinkMessage::type).containsExactly(Netlink.RTM_NEWLINK, Netlink.NLMSG_DONE);
        assertThat(messages.getFirst().payload().limit()).isEqualTo(1);
        ByteBuffer bad = ByteBuffer.wrap(Hex.bytes("40000000 1000 0200 01000000 00000000")).order(ByteOrder.nativeOrder());
        assertThatThrownBy(() -> NetlinkMessage.split(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad netlink message length 64");
    }

    @Test
    void writerPadsEveryAttributeAndCountsNestsWithInnerPadding() {
        MessageWriter w = new MessageWriter(Netlink.RTM_NEWLINK, 0);
        w.attrString(1, "abc");      // 4 + 4 (with NUL): no padding
        w.attrString(2, "abcd");     // 4 + 5: 3 bytes of padding
        int nest = w.beginNested(3);
        w.attrU8(4, 1);              // 4 + 1: 3 bytes of padding, counted in the nest
        w.endNested(nest);
        w.attrU16(5, 0x0102);
        assertThat(Hex.of(w.finish(1))).isEqualTo(Hex.of(Hex.bytes("""
                38000000 1000 0100 01000000 00000000
                0800 0100 61626300
                0900 0200 6162636400 000000
                0c00 0300 | 0500 0400 01 000000
                0600 0500 0201 0000
                """)));
    }
}
