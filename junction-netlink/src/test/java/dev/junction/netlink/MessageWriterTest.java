package dev.junction.netlink;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A request grows as it is written, keeps its layout across the growth, and is refused past 64 KiB. */
@Tag("unit")
class MessageWriterTest {
    @Test
    void growsPastItsFirstBufferWithTheSameBytes() {
        MessageWriter w = new MessageWriter(Netlink.RTM_NEWLINK, 0);
        w.u32(7);
        int nest = w.beginNested(18);
        for (int i = 0; i < 100; i++) w.attrU32(1, i); // 100 × 8 bytes: well past the first 256
        w.endNested(nest);
        byte[] b = w.finish(42);
        ByteBuffer r = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        assertThat(r.getInt(0)).as("length").isEqualTo(b.length).isEqualTo(16 + 4 + 4 + 800);
        assertThat(r.getInt(8)).as("sequence").isEqualTo(42);
        assertThat(r.getInt(16)).isEqualTo(7);
        assertThat(Short.toUnsignedInt(r.getShort(20))).as("nested length").isEqualTo(804);
        assertThat(r.getInt(24 + 99 * 8 + 4)).as("the last value").isEqualTo(99);
    }

    @Test
    void refusesARequestLargerThanNetlinkCanCarry() {
        MessageWriter w = new MessageWriter(Netlink.RTM_NEWLINK, 0);
        assertThatThrownBy(() -> w.zeros(70_000)).hasMessageContaining("over 65536");
    }
}
