package dev.junction.bgp.rib;

import dev.junction.bgp.wire.Prefix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A map from prefix to value for tables of up to millions of routes. IPv4 prefixes are held as
 * {@link Prefix#ipv4Key() long keys} in an open-addressing table (linear probing, backward-shift deletion, so no
 * tombstones), about 12 octets a slot instead of a HashMap node plus a Prefix and its address array (some 90);
 * other families go to an ordinary HashMap. Iteration order is unspecified. Not thread-safe.
 */
final class PrefixTable<V> {
    private static final long EMPTY = -1; // no IPv4 key is negative
    private static final int MIN_CAPACITY = 16;

    private long[] keys = newKeys(MIN_CAPACITY);
    private Object[] values = new Object[MIN_CAPACITY];
    private int v4Size;
    private final Map<Prefix, V> others = new HashMap<>();

    private static long[] newKeys(int capacity) {
        long[] k = new long[capacity];
        Arrays.fill(k, EMPTY);
        return k;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32) & mask;
    }

    int size() {
        return v4Size + others.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    @SuppressWarnings("unchecked")
    V get(Prefix prefix) {
        long key = prefix.ipv4Key();
        if (key < 0) return others.get(prefix);
        int mask = keys.length - 1;
        for (int i = slot(key, mask); keys[i] != EMPTY; i = i + 1 & mask) {
            if (keys[i] == key) return (V) values[i];
        }
        return null;
    }

    /** Sets the value (not null); returns the previous one or null. */
    @SuppressWarnings("unchecked")
    V put(Prefix prefix, V value) {
        if (value == null) throw new IllegalArgumentException("null value");
        long key = prefix.ipv4Key();
        if (key < 0) return others.put(prefix, value);
        int mask = keys.length - 1;
        int i = slot(key, mask);
        for (; keys[i] != EMPTY; i = i + 1 & mask) {
            if (keys[i] == key) {
                V old = (V) values[i];
                values[i] = value;
                return old;
            }
        }
        keys[i] = key;
        values[i] = value;
        // Load factor 3/4: linear probing stays short, and a million IPv4 prefixes fit 2^21 slots (24 MiB).
        if (++v4Size > keys.length - (keys.length >>> 2)) grow();
        return null;
    }

    @SuppressWarnings("unchecked")
    V remove(Prefix prefix) {
        long key = prefix.ipv4Key();
        if (key < 0) return others.remove(prefix);
        int mask = keys.length - 1;
        int i = slot(key, mask);
        for (; keys[i] != key; i = i + 1 & mask) {
            if (keys[i] == EMPTY) return null;
        }
        V old = (V) values[i];
        // Backward-shift deletion: move later entries of the probe run into the hole so lookups never stop early.
        for (int hole = i, j = i + 1 & mask; ; j = j + 1 & mask) {
            if (keys[j] == EMPTY) {
                keys[hole] = EMPTY;
                values[hole] = null;
                break;
            }
            int home = slot(keys[j], mask);
            // Entry j may fill the hole if its home slot is not cyclically within (hole, j].
            if ((j - home & mask) >= (j - hole & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        v4Size--;
        return old;
    }

    void clear() {
        keys = newKeys(MIN_CAPACITY);
        values = new Object[MIN_CAPACITY];
        v4Size = 0;
        others.clear();
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = newKeys(oldKeys.length * 2);
        values = new Object[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldKeys[k] == EMPTY) continue;
            int i = slot(oldKeys[k], mask);
            while (keys[i] != EMPTY) i = i + 1 & mask;
            keys[i] = oldKeys[k];
            values[i] = oldValues[k];
        }
    }

    /** Calls {@code action} for every entry; IPv4 prefixes are built on the way. The table must not change meanwhile. */
    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<Prefix, V> action) {
        for (int k = 0; k < keys.length; k++) {
            if (keys[k] != EMPTY) action.accept(Prefix.ofIpv4Key(keys[k]), (V) values[k]);
        }
        others.forEach(action);
    }

    /** Every value, in a new list. */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> out = new ArrayList<>(size());
        for (int k = 0; k < keys.length; k++) {
            if (keys[k] != EMPTY) out.add((V) values[k]);
        }
        out.addAll(others.values());
        return out;
    }

    /** Every prefix, in a new list. */
    List<Prefix> prefixes() {
        List<Prefix> out = new ArrayList<>(size());
        for (long key : keys) {
            if (key != EMPTY) out.add(Prefix.ofIpv4Key(key));
        }
        out.addAll(others.keySet());
        return out;
    }
}
