package dev.junction.agent.sandbox;

/**
 * One connection attempt of a probe client, parsed from a line of probe_client.py:
 * {@code OK <answer> <ip:port>} or {@code ERR <reason> <ip:port>}.
 *
 * @param answer       the name the backend answered with, or null if the try failed
 * @param error        why the try failed (refused, reset, timeout, ...), or null if it was answered
 * @param localAddress the client's own ip:port for this try ("-" if unknown)
 */
public record TryOutcome(String answer, String error, String localAddress) {

    public boolean answered() {
        return answer != null;
    }

    /** The client's own IP for this try, or null. */
    public String localIp() {
        int colon = localAddress.lastIndexOf(':');
        String ip = colon <= 0 ? null : localAddress.substring(0, colon);
        return "0.0.0.0".equals(ip) ? null : ip;
    }

    public static TryOutcome parse(String line) {
        String[] parts = line.trim().split("\\s+");
        String local = parts.length >= 3 ? parts[2] : "-";
        if (parts.length >= 2 && parts[0].equals("OK")) {
            return new TryOutcome(parts[1], null, local);
        }
        if (parts.length >= 2 && parts[0].equals("ERR")) {
            return new TryOutcome(null, parts[1], local);
        }
        return new TryOutcome(null, "garbled:" + line.trim(), "-");
    }
}
