package dev.junction.agent.sandbox;

import java.util.Locale;

/** The two transport protocols the sandbox pods serve and probes speak. */
public enum Protocol {
    TCP, UDP;

    /** "tcp", "TCP" or null (Kubernetes' default: TCP). */
    public static Protocol parse(String text) {
        if (text == null || text.isBlank()) {
            return TCP;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "tcp" -> TCP;
            case "udp" -> UDP;
            default -> throw new IllegalArgumentException("protocol must be tcp or udp: " + text);
        };
    }

    public String lower() {
        return name().toLowerCase(Locale.ROOT);
    }
}
