package dev.junction.netpol.oracle;

/**
 * A policy the oracle ignores because the API server would have rejected it.
 *
 * @param namespace the policy's namespace
 * @param name the policy's name
 * @param reason the first problem, as {@code field.path: what is wrong}
 */
public record InvalidPolicy(String namespace, String name, String reason) {
    @Override
    public String toString() {
        return namespace + "/" + name + ": " + reason;
    }
}
