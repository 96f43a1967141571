package dev.junction.nft.desired;

import java.util.List;

/**
 * A chain and its rules, in order.
 *
 * @param type {@code filter}/{@code nat} for a base chain, null for a regular one
 * @param hook the hook of a base chain, null for a regular one
 * @param priority the priority of a base chain
 */
public record ChainDef(String type, String hook, int priority, List<String> rules) {
    public ChainDef {
        rules = List.copyOf(rules);
    }

    public static ChainDef regular(List<String> rules) {
        return new ChainDef(null, null, 0, rules);
    }

    public boolean isBase() {
        return hook != null;
    }
}
