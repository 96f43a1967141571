package dev.junction.bgp.wire;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NOTIFICATION (RFC 4271 §4.5), Hard Reset (RFC 8538 §3), Shutdown Communication (RFC 9003 §2). */
@Tag("unit")
class NotificationTest {
    private static final DecodeContext CTX = DecodeContext.of(true, true);

    private static Notification decode(String hex) {
        return (Notification) ((DecodeResult.Ok) MessageCodec.decode(Hex.of(hex), CTX)).message();
    }

    @Test
    void goldenHoldTimerExpired() {
        Notification n = new Notification(ErrorCodes.HOLD_TIMER_EXPIRED, 0);
        assertThat(Hex.of(MessageCodec.encode(n, EncodeContext.FOUR_OCTET))).isEqualTo(Hex.of(Hex.of("MARKER 0015 03 04 00")));
        assertThat(decode("MARKER 0015 03 04 00")).isEqualTo(n);
    }

    @Test
    void goldenAdministrativeShutdownWithCommunication() {
        String wire = "MARKER 0021 03 06 02 0b 6d61696e74656e616e6365"; // "maintenance"
        Notification n = Notification.shutdown(ErrorCodes.CEASE_ADMINISTRATIVE_SHUTDOWN, "maintenance");
        assertThat(Hex.of(MessageCodec.encode(n, EncodeContext.FOUR_OCTET))).isEqualTo(Hex.of(Hex.of(wire)));
        assertThat(decode(wire).shutdownCommunication()).contains("maintenance");
        assertThat(Notification.shutdown(ErrorCodes.CEASE_ADMINISTRATIVE_RESET, "réinit ✓").shutdownCommunication()).contains("réinit ✓");
    }

    @Test
    void malformedShutdownCommunicationIsIgnoredNotAnError() {
        // RFC 9003: a bad length or invalid UTF-8 is logged; the NOTIFICATION itself is fine.
        assertThat(decode("MARKER 0018 03 06 02 05 6869").shutdownCommunication()).isEmpty();
        assertThat(decode("MARKER 0018 03 06 02 02 c328").shutdownCommunication()).isEmpty();
        assertThat(decode("MARKER 0015 03 06 02").shutdownCommunication()).isEmpty();
        assertThat(decode("MARKER 0018 03 06 03 02 6869").shutdownCommunication()).isEmpty();
        assertThat(decode("MARKER 0016 03 06 02 00").shutdownCommunication()).contains("");
        assertThatThrownBy(() -> Notification.shutdown(2, "x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Notification.shutdown(3, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Notification.shutdown(2, "x".repeat(255)).shutdownCommunication()).contains("x".repeat(255));
    }

    @Test
    void goldenHardResetEncapsulatesTheCause() {
        // RFC 8538 §3.1: Cease / Hard Reset, data = ErrCode, Subcode, Data of the real cause (here Hold Timer Expired).
        Notification hr = Notification.hardReset(new Notification(ErrorCodes.HOLD_TIMER_EXPIRED, 0));
        assertThat(Hex.of(MessageCodec.encode(hr, EncodeContext.FOUR_OCTET))).isEqualTo(Hex.of(Hex.of("MARKER 0017 03 06 09 04 00")));
        Notification back = decode("MARKER 0017 03 06 09 04 00");
        assertThat(back.isHardReset()).isTrue();
        assertThat(back.hardResetCause()).contains(new Notification(4, 0));
        Notification nested = Notification.hardReset(Notification.shutdown(2, "bye"));
        assertThat(nested.hardResetCause().orElseThrow().shutdownCommunication()).contains("bye");
        assertThat(decode("MARKER 0016 03 06 09 04").hardResetCause()).isEmpty();
        assertThat(new Notification(6, 2).hardResetCause()).isEmpty();
    }

    @Test
    void roundTripsArbitraryCodesAndData() {
        for (Notification n : new Notification[]{new Notification(0, 0), new Notification(255, 255, new byte[4000]),
                new Notification(3, 11, Hex.of("40020102"))}) {
            assertThat(MessageCodec.decode(MessageCodec.encode(n, EncodeContext.FOUR_OCTET), CTX)).isEqualTo(new DecodeResult.Ok(n));
        }
    }

    @Test
    void decodeErrorsBecomeTheirNotification() {
        DecodeError e = ((DecodeResult.Failure) MessageCodec.decode(Hex.of("MARKER 0012 04"), CTX)).error();
        assertThat(e.toNotification()).isEqualTo(new Notification(1, 2, Hex.of("0012")));
    }
}
