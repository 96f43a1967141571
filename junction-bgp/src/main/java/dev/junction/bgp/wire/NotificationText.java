package dev.junction.bgp.wire;

/**
 * NOTIFICATION codes as operators read them (the IANA "BGP Error (Notification) Codes" and "Cease NOTIFICATION
 * message subcodes" registries), e.g. {@code Cease/Administrative Shutdown (6/2) "maintenance"}.
 */
public final class NotificationText {
    private static final String[] CODES = {"", "Message Header Error", "OPEN Message Error", "UPDATE Message Error",
            "Hold Timer Expired", "Finite State Machine Error", "Cease", "ROUTE-REFRESH Message Error", "Send Hold Timer Expired"};
    private static final String[] CEASE = {"", "Maximum Number of Prefixes Reached", "Administrative Shutdown", "Peer De-configured",
            "Administrative Reset", "Connection Rejected", "Other Configuration Change", "Connection Collision Resolution",
            "Out of Resources", "Hard Reset", "BFD Down"};

    private NotificationText() {
    }

    public static String of(Notification n) {
        StringBuilder b = new StringBuilder(name(n.code(), n.subcode())).append(" (").append(n.code()).append('/').append(n.subcode()).append(')');
        n.hardResetCause().ifPresent(cause -> b.append(", cause ").append(of(cause)));
        if (n.hardResetCause().isEmpty()) n.shutdownCommunication().ifPresent(text -> b.append(" \"").append(text).append('"'));
        return b.toString();
    }

    private static String name(int code, int subcode) {
        String c = code > 0 && code < CODES.length ? CODES[code] : "code " + code;
        if (code == ErrorCodes.CEASE && subcode > 0 && subcode < CEASE.length) return c + "/" + CEASE[subcode];
        return c;
    }
}
