package dev.junction.agent.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A sandbox pod's endpoint state, set by annotations because the sandbox runs no kubelet or readiness probes:
 * {@code sandbox.junction.dev/ready} (default "true"), {@code sandbox.junction.dev/serving} (default = ready) and
 * {@code sandbox.junction.dev/terminating} (default "false").
 */
public record PodConditions(boolean ready, boolean serving, boolean terminating) {

    public static final String READY = "sandbox.junction.dev/ready";
    public static final String SERVING = "sandbox.junction.dev/serving";
    public static final String TERMINATING = "sandbox.junction.dev/terminating";

    public static PodConditions of(Pod pod) {
        Map<String, String> a = pod.getMetadata().getAnnotations() == null ? Map.of()
                : pod.getMetadata().getAnnotations();
        boolean ready = flag(a.get(READY), true);
        return new PodConditions(ready, flag(a.get(SERVING), ready), flag(a.get(TERMINATING), false));
    }

    /** Writes these conditions back as annotations (replacing earlier ones). */
    public void annotate(Pod pod) {
        Map<String, String> a = new LinkedHashMap<>(
                pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations());
        a.put(READY, Boolean.toString(ready));
        a.put(SERVING, Boolean.toString(serving));
        a.put(TERMINATING, Boolean.toString(terminating));
        pod.getMetadata().setAnnotations(a);
    }

    private static boolean flag(String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("annotation must be true or false: " + value);
        };
    }
}
