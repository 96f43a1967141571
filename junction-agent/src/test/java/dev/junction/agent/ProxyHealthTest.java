package dev.junction.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ProxyHealthTest {
    private Instant t = Instant.parse("2026-12-01T00:00:00Z");
    private final Clock clock = new Clock() {
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId z) {
            return this;
        }

        public Instant instant() {
            return t;
        }
    };

    @Test
    void notHealthyBeforeTheFirstSync() {
        ProxyHealth h = new ProxyHealth(clock, Duration.ofSeconds(60));
        assertThat(h.healthy()).isFalse();
        assertThat(h.live()).isFalse();
        h.updated();
        assertThat(h.healthy()).isTrue();
    }

    @Test
    void anUpdateWaitingLongerThanTheTimeoutMakesItUnhealthy() {
        ProxyHealth h = new ProxyHealth(clock, Duration.ofSeconds(60));
        h.updated();
        h.queued();
        t = t.plusSeconds(59);
        assertThat(h.healthy()).isTrue();
        t = t.plusSeconds(2);
        assertThat(h.healthy()).isFalse();
        h.updated();
        assertThat(h.healthy()).isTrue();
    }

    @Test
    void aDrainingNodeFailsHealthzButNotLivez() {
        ProxyHealth h = new ProxyHealth(clock, Duration.ofSeconds(60));
        h.updated();
        h.nodeDraining(true);
        assertThat(h.healthy()).isFalse();
        assertThat(h.live()).isTrue();
        assertThat(h.json(false)).contains("\"nodeEligible\": false", "\"healthy\": false");
    }
}
