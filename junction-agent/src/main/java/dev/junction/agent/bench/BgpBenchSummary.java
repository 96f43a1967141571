package dev.junction.agent.bench;

import java.util.Locale;
import java.util.Map;

/** The human summary {@code bench bgp} prints after writing its JSON. */
final class BgpBenchSummary {
    private BgpBenchSummary() {}

    @SuppressWarnings("unchecked")
    static String summary(Map<String, Object> r) {
        Map<String, Object> t = (Map<String, Object>) r.get("timeline");
        Map<String, Object> p = (Map<String, Object>) r.get("processes");
        Map<String, Object> h = (Map<String, Object>) r.get("host");
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "bgp bench: %,d prefixes from a BIRD origin, %s CPUs, %s%n",
                r.get("prefixes"), h.get("nproc"), h.get("bird")));
        sb.append(String.format(Locale.ROOT, "  junction        %10.1f ms  Established -> last prefix in the Loc-RIB; %,d received;"
                + " peak RSS %.1f MiB; CPU %s ms%n", r.get("junction_ms"), r.get("junction_received"),
                r.get("junction_rss_mib"), p.get("junction_cpu_ms")));
        sb.append(String.format(Locale.ROOT, "  bird            %10.1f ms  (polled every %s ms); %,d received; peak RSS %.1f MiB;"
                + " CPU %s ms%n", r.get("bird_ms"), r.get("bird_poll_ms"), r.get("bird_received"),
                r.get("bird_rss_mib"), p.get("bird_cpu_ms")));
        sb.append(String.format(Locale.ROOT, "  origin BIRD     CPU %s ms while sending%n", p.get("origin_cpu_ms")));
        sb.append(String.format(Locale.ROOT, "  ratios          time %.3f (target <= 1.0), RSS %.3f (target <= 2.0)%n",
                r.get("junction_vs_bird"), r.get("rss_ratio")));
        sb.append(String.format(Locale.ROOT, "  sessions up     %.1f ms apart (origin saw them %.1f ms apart); from the origin's"
                + " session up: junction %.1f ms, bird %.1f ms; origin loaded its table in %.0f ms%n", t.get("session_up_spread_ms"),
                Math.abs((double) t.get("origin_saw_junction_up_epoch_ms") - (double) t.get("origin_saw_bird_up_epoch_ms")),
                t.get("junction_ms_from_origin_up"), t.get("bird_ms_from_origin_up"), r.get("origin_load_ms")));
        sb.append("  junction JVM    ").append(r.get("junction_jvm_options")).append('\n');
        sb.append("  targets         ").append(r.get("targets")).append('\n');
        return sb.toString();
    }
}
