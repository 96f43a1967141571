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
        chains = frozen(chains);
        sets = frozen(sets);
        if (!(elements instanceof Frozen)) {
            TreeMap<String, SortedMap<String, String>> e = new TreeMap<>();
            elements.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    e.put(k, frozen(v));
                }
            });
            elements = new Frozen<>(e);
        }
    }

    /**
     * A read-only sorted map that this class made itself: a Builder hands its maps over without a copy (a
     * cold sync builds fragments for every service, so copying each map twice showed in profiles).
     */
    private static final class Frozen<V> extends java.util.AbstractMap<String, V> implements SortedMap<String, V> {
        private final SortedMap<String, V> m;

        Frozen(SortedMap<String, V> m) {
            this.m = m;
        }

        @Override
        public java.util.Set<Entry<String, V>> entrySet() {
            return Collections.unmodifiableSortedMap(m).entrySet();
        }

        @Override
        public V get(Object key) {
            return m.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return m.containsKey(key);
        }

        @Override
        public int size() {
            return m.size();
        }

        @Override
        public java.util.Comparator<? super String> comparator() {
            return m.comparator();
        }

        @Override
        public SortedMap<String, V> subMap(String a, String b) {
            return Collections.unmodifiableSortedMap(m.subMap(a, b));
        }

        @Override
        public SortedMap<String, V> headMap(String a) {
            return Collections.unmodifiableSortedMap(m.headMap(a));
        }

        @Override
        public SortedMap<String, V> tailMap(String a) {
            return Collections.unmodifiableSortedMap(m.tailMap(a));
        }

        @Override
        public String firstKey() {
            return m.firstKey();
        }

        @Override
        public String lastKey() {
            return m.lastKey();
        }
    }

    private static <V> SortedMap<String, V> frozen(SortedMap<String, V> m) {
        return m instanceof Frozen<V> f ? f : new Frozen<>(new TreeMap<>(m));
    }

    /** Wraps maps the caller gives up: no copy. */
    private static <V> SortedMap<String, V> adopt(TreeMap<String, V> m) {
        return new Frozen<>(m);
    }

    /** The elements this fragment puts into one set (empty if none). */
    public Map<String, String> elementsOf(String set) {
        return elements.getOrDefault(set, Collections.emptySortedMap());
    }

    /** A mutable builder, used once: {@link #build()} hands its maps to the fragment. Chains keep their rules in order. */
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
            TreeMap<String, SortedMap<String, String>> e = new TreeMap<>();
            elements.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    e.put(k, adopt((TreeMap<String, String>) v));
                }
            });
            return new Fragment(adopt(chains), adopt(sets), adopt(e));
        }
    }
}
