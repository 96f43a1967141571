package dev.junction.agent.bench;

import java.util.Locale;
import java.util.Map;

/** The human summary a proxy benchmark prints after writing its JSON. */
final class BenchSummary {
    private BenchSummary() {}

    static String summary(Map<String, Object> r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) r.get("cold");
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) r.get("floor");
        @SuppressWarnings("unchecked")
        Map<String, Object> k = (Map<String, Object>) r.get("kube_proxy");
        @SuppressWarnings("unchecked")
        Map<String, Object> i = (Map<String, Object>) r.get("incremental");
        @SuppressWarnings("unchecked")
        Map<String, Object> h = (Map<String, Object>) r.get("host");
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) r.get("targets");
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "proxy bench: %s services x %s endpoints, backend %s, %s CPUs, kernel %s%n",
                r.get("services"), r.get("endpoints_per_service"), r.get("backend"), h.get("nproc"), h.get("kernel")));
        sb.append(String.format(Locale.ROOT, "  cold sync       %10.1f ms  (compile+plan %.1f, list %.1f, apply %.1f",
                r.get("cold_sync_ms"), c.get("compile_and_plan_ms"), c.get("list_ms"), c.get("apply_ms")));
        if (c.containsKey("apply_user_cpu_ms")) {
            sb.append(String.format(Locale.ROOT, ": user %.1f / kernel %.1f", c.get("apply_user_cpu_ms"),
                    c.get("apply_sys_cpu_ms")));
        }
        sb.append(String.format(Locale.ROOT, "; %s ops, %s lines)%n", r.get("operations_cold"), c.get("text_lines")));
        sb.append(String.format(Locale.ROOT, "  floor (nft -f)  %10.1f ms  (user %.1f, sys %.1f)   cold/floor %.2f (target <= 1.3); in CPU"
                + " time %.1f / %.1f ms = %.2f%n", r.get("floor_ms"), f.get("user_cpu_ms"), f.get("sys_cpu_ms"),
                r.get("cold_vs_floor"), r.get("cold_sync_cpu_ms"), r.get("floor_cpu_ms"), r.get("cold_vs_floor_cpu")));
        sb.append(String.format(Locale.ROOT, "  kube-proxy      %s%10.1f ms  (user %.1f, sys %.1f; %s chains, %s rules)   cold/kube-proxy %s%.3f (target <= 0.5)%n",
                Boolean.TRUE.equals(k.get("timed_out")) ? ">" : " ", r.get("kube_proxy_floor_ms"), k.get("user_cpu_ms"),
                k.get("sys_cpu_ms"), k.get("chains"), k.get("rules"),
                Boolean.TRUE.equals(k.get("timed_out")) ? "<" : "", r.get("cold_vs_kube_proxy_floor")));
        sb.append(String.format(Locale.ROOT, "  incremental     p50 %.2f ms, p99 %.2f ms, max %.2f ms over %s changes (apply p50 %.2f, p99 %.2f;"
                + " thread CPU p50 %.2f, p99 %.2f)%n", r.get("incremental_p50_ms"), r.get("incremental_p99_ms"),
                r.get("incremental_max_ms"), i.get("count"), i.get("apply_p50_ms"), i.get("apply_p99_ms"),
                i.get("cpu_p50_ms"), i.get("cpu_p99_ms")));
        sb.append(String.format(Locale.ROOT, "  table           %s chains, %s elements (after the changes %s, %s; kernel matches"
                + " model: %s)%n", r.get("chains"), r.get("elements"), r.get("chains_after_changes"),
                r.get("elements_after_changes"), r.get("kernel_matches_model")));
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) r.get("memory");
        sb.append(String.format(Locale.ROOT, "  memory          rss %.1f MiB (after cold sync %.1f, after changes %.1f, after a"
                + " list %.1f; after gc+malloc_trim %.1f), heap used %.1f MiB (live %.1f, committed %.1f)%n",
                r.get("rss_mib"), m.get("rss_after_cold_sync_mib"), m.get("rss_after_changes_mib"),
                m.get("rss_after_list_mib"), m.get("rss_after_gc_and_malloc_trim_mib"), r.get("heap_used_mib"),
                m.get("heap_live_after_gc_mib"), m.get("heap_committed_mib")));
        sb.append("  targets         ").append(t).append('\n');
        return sb.toString();
    }
}
