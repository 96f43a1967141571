package dev.junction.agent.policy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Percentiles (nearest rank) and rounding for the benchmark's report. */
final class Stats {
    private Stats() {}

    /** The q-quantile (0 &lt; q &le; 1) of the values by nearest rank; NaN for none. */
    static double percentile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double[] of(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** {@code count}, {@code p50}, {@code p90}, {@code p99}, {@code max} and {@code mean}, each suffixed {@code _unit}. */
    static Map<String, Object> summary(double[] values, String unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", values.length);
        m.put("p50_" + unit, round(percentile(values, 0.50)));
        m.put("p90_" + unit, round(percentile(values, 0.90)));
        m.put("p99_" + unit, round(percentile(values, 0.99)));
        m.put("max_" + unit, round(percentile(values, 1.0)));
        m.put("mean_" + unit, round(Arrays.stream(values).average().orElse(Double.NaN)));
        return m;
    }

    static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    /** Three decimals; NaN and infinities stay (Jackson writes them as such only if asked, so callers avoid them). */
    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000.0) / 1000.0 : v;
    }
}
