package dev.junction.agent;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as kube-router's flags take them: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 250ms}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {}

    public static Duration parse(String flag, String text) {
        Matcher m = PART.matcher(text.trim());
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end == 0 || end != text.trim().length()) {
            if (text.trim().equals("0")) {
                return Duration.ZERO;
            }
            throw new IllegalArgumentException(flag + ": not a duration (like 30s, 5m, 1h): " + text);
        }
        return d;
    }
}
