package dev.junction.bgp.wire;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a NOTIFICATION reads in {@code junction bgp neighbors} and in logs. */
@Tag("unit")
class NotificationTextTest {
    @Test
    void namesCodesSubcodesAndTheShutdownMessage() {
        assertThat(NotificationText.of(new Notification(4, 0))).isEqualTo("Hold Timer Expired (4/0)");
        assertThat(NotificationText.of(new Notification(2, 2))).isEqualTo("OPEN Message Error (2/2)");
        assertThat(NotificationText.of(Notification.shutdown(ErrorCodes.CEASE_ADMINISTRATIVE_SHUTDOWN, "maintenance")))
                .isEqualTo("Cease/Administrative Shutdown (6/2) \"maintenance\"");
        assertThat(NotificationText.of(Notification.hardReset(Notification.shutdown(ErrorCodes.CEASE_ADMINISTRATIVE_SHUTDOWN, "bye"))))
                .isEqualTo("Cease/Hard Reset (6/9), cause Cease/Administrative Shutdown (6/2) \"bye\"");
        assertThat(NotificationText.of(new Notification(42, 1))).isEqualTo("code 42 (42/1)");
    }
}
