package dev.junction.nft.desired;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A piece of desired nftables state: the chains and sets it owns, and the elements it puts into shared sets
 * and maps. The static skeleton is one fragment; every service is another. Fragments are values: the proxier
 * diffs the old and the new fragment of a service to find the few operations a change needs.
 *
 * @param chains chains this fragment owns, by name
 * @param sets sets and maps this fragment owns (declares), by name
 * @param elements for each set or map (its own or a shared one), key to value ({@code ""} in a plain set)
 */
public record Fragment(
        SortedMap<String, ChainDef> chains,
        SortedMap<String, SetDef> sets,
        SortedMap<String, SortedMap<String, String>> elements) {

    public static final Fragment EMPTY = new Fragment(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

    public Fragment {
        chains = Collections.unmodifiableSortedMap(new TreeMap<>(chains));
        sets = Collections.unmodifiableSortedMap(new TreeMap<>(sets));
        TreeMap<String, SortedMap<String, String>> e = new TreeMap<>();
        elements.forEach((k, v) -> {
            if (!v.isEmpty()) {
                e.put(k, Collections.unmodifiableSortedMap(new TreeMap<>(v)));
            }
        });
        elements = Collections.unmodifiableSortedMap(e);
    }

    /** The elements this fragment puts into one set (empty if none). */
    public Map<String, String> elementsOf(String set) {
        return elements.getOrDefault(set, Collections.emptySortedMap());
    }

    /** A mutable builder; chains keep insertion order of rules. */
    public static final class Builder {
        private final TreeMap<String, ChainDef> chains = new TreeMap<>();
        private final TreeMap<String, SetDef> sets = new TreeMap<>();
        private final TreeMap<String, SortedMap<String, String>> elements = new TreeMap<>();

        public Builder chain(String name, ChainDef def) {
            if (chains.put(name, def) != null) {
                throw new IllegalStateException("chain defined twice: " + name);
            }
            return this;
        }

        public Builder set(String name, SetDef def) {
            if (sets.put(name, def) != null) {
                throw new IllegalStateException("set defined twice: " + name);
            }
            return this;
        }

        /** Adds an element; a second, different value for the same key is a compiler bug. */
        public Builder element(String set, String key, String value) {
            String old = elements.computeIfAbsent(set, k -> new TreeMap<>()).putIfAbsent(key, value);
            if (old != null && !old.equals(value)) {
                throw new IllegalStateException("element " + key + " of " + set + " set twice: " + old + ", " + value);
            }
            return this;
        }

        public boolean hasChain(String name) {
            return chains.containsKey(name);
        }

        public Fragment build() {
            return new Fragment(chains, sets, elements);
        }
    }
}
