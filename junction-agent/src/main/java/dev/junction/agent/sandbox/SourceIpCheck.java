package dev.junction.agent.sandbox;

import java.util.Locale;

/** What the backends must have seen as the client's address (read from the pods' connection logs). */
public enum SourceIpCheck {
    /** No check. */
    ANY,
    /** Every connection arrived from the client's own address (client-IP preservation). */
    PRESERVED,
    /** No connection arrived from the client's own address (SNAT / masquerade). */
    MASQUERADED;

    public static SourceIpCheck parse(String text) {
        if (text == null || text.isBlank()) {
            return ANY;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "preserved" -> PRESERVED;
            case "masqueraded", "masquerade", "snat" -> MASQUERADED;
            case "any" -> ANY;
            default -> throw new IllegalArgumentException("sourceIp must be preserved or masqueraded: " + text);
        };
    }
}
