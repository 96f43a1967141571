package dev.junction.nft.desired;

/**
 * A set or map a compiled fragment declares.
 *
 * @param valueType null for a plain set, {@code verdict} for a verdict map
 * @param flags null, {@code interval}, or {@code dynamic,timeout}
 * @param timeoutSeconds the element timeout of a dynamic set, 0 otherwise
 */
public record SetDef(String type, String valueType, String flags, long timeoutSeconds) {
    /** Elements of a dynamic set are written by the packet path (affinity), never by the agent. */
    public boolean dynamic() {
        return flags != null && flags.contains("dynamic");
    }
}
