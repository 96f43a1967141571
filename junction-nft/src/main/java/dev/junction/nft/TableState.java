package dev.junction.nft;

import java.util.Map;
import java.util.Set;

/**
 * What a table holds, as far as a full resync needs to know: the names of its chains, and for every set and
 * map its elements. Keys and values are in the canonical text form {@link Transaction} renders
 * ({@code 10.96.0.1 . tcp . 80} and {@code goto service-x}; a plain set's value is the empty string).
 *
 * @param chains the chain names
 * @param sets for each set or map name, key to value
 */
public record TableState(Set<String> chains, Map<String, Map<String, String>> sets) {
    public TableState {
        chains = Set.copyOf(chains);
        sets = Map.copyOf(sets);
    }
}
