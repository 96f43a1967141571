package dev.junction.agent.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class BoundedFrequencyRunnerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void successSchedulesThePeriodicRunAtMaxInterval() {
        BoundedFrequencyRunner r = new BoundedFrequencyRunner("t", () -> true, Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(30), now::get);
        assertThat(r.runOnce()).isTrue();
        assertThat(r.nextDueNanos() - now.get()).isEqualTo(Duration.ofSeconds(30).toNanos());
    }

    @Test
    void failuresRetryWithBackoffCappedAtMaxInterval() {
        BoundedFrequencyRunner r = new BoundedFrequencyRunner("t", () -> false, Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(5), now::get);
        long[] gaps = new long[5];
        for (int i = 0; i < gaps.length; i++) {
            r.runOnce();
            gaps[i] = (r.nextDueNanos() - now.get()) / 1_000_000;
        }
        assertThat(gaps).containsExactly(1000, 2000, 4000, 5000, 5000);
    }

    @Test
    void anExceptionIsAFailureAndNeverEscapes() {
        BoundedFrequencyRunner r = new BoundedFrequencyRunner("t", () -> {
            throw new IllegalStateException("boom");
        }, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(5), now::get);
        assertThat(r.runOnce()).isFalse();
        assertThat(r.nextDueNanos() - now.get()).isEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void requestsDuringARunCoalesceIntoOneMoreRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        BoundedFrequencyRunner r = new BoundedFrequencyRunner("t", () -> {
            int n = runs.incrementAndGet();
            if (n == 1) {
                inFirst.countDown();
                release.await();
            } else {
                second.countDown();
            }
            return true;
        }, Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(1));
        r.start();
        try {
            r.request();
            assertThat(inFirst.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 50; i++) {
                r.request();
            }
            release.countDown();
            assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200); // would let a third, uncoalesced run happen
            assertThat(runs.get()).isEqualTo(2);
        } finally {
            r.stop();
        }
    }
}
