package dev.junction.agent.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Continuous traffic for disruption tests (e.g. kill -9 of the agent): a probe client that keeps opening new
 * connections from a source to a target until {@link #stop()}, counting answers and failures.
 */
public final class TrafficLoop implements AutoCloseable {

    /** What the loop saw. {@code longestOutage} is the longest run of consecutive failed tries. */
    public record Stats(int answered, int failed, int longestOutage, Map<String, Integer> answers,
                        Map<String, Integer> errors) {
        public int total() {
            return answered + failed;
        }
    }

    private final Process process;
    private final Runnable onStop;
    private final Thread reader;
    private final Map<String, Integer> answers = new TreeMap<>();
    private final Map<String, Integer> errors = new TreeMap<>();
    private int answered;
    private int failed;
    private int outage;
    private int longestOutage;
    private Stats stopped;

    TrafficLoop(Process process, Runnable onStop) {
        this.process = process;
        this.onStop = onStop;
        this.reader = Thread.ofVirtual().name("sandbox-traffic").start(this::read);
    }

    private void read() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    count(TryOutcome.parse(line));
                }
            }
        } catch (IOException e) {
            // the process went away: stop() reports what was counted
        }
    }

    private synchronized void count(TryOutcome t) {
        if (t.answered()) {
            answered++;
            answers.merge(t.answer(), 1, Integer::sum);
            outage = 0;
        } else {
            failed++;
            errors.merge(t.error(), 1, Integer::sum);
            longestOutage = Math.max(longestOutage, ++outage);
        }
    }

    /** The counts so far, while the loop keeps running. */
    public synchronized Stats snapshot() {
        return new Stats(answered, failed, longestOutage, Map.copyOf(answers), Map.copyOf(errors));
    }

    /** Stops the client and returns the final counts. */
    public Stats stop() {
        synchronized (this) {
            if (stopped != null) {
                return stopped;
            }
        }
        OwnedResources.stopAll(List.of(process));
        onStop.run();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            stopped = snapshot();
            return stopped;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
