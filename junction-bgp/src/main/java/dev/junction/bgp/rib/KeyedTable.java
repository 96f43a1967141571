package dev.junction.bgp.rib;

import dev.junction.bgp.wire.Prefix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Like {@link PrefixTable}, for values that carry their own prefix ({@link Keyed}): the open-addressing part is
 * then one array of values and no array of keys, 4 octets a slot instead of 12, because a probe reads the key
 * from the value. A million IPv4 routes take 8 MiB of slots here (2^21 slots at load factor 1/2). Non-IPv4 prefixes go to a HashMap.
 */
final class KeyedTable<V extends KeyedTable.Keyed> {
    /** A value that knows its prefix: the {@link Prefix#ipv4Key()}, or -1 and the prefix itself. */
    interface Keyed {
        long ipv4Key();
    }

    private static final int MIN_CAPACITY = 16;

    private Object[] slots = new Object[MIN_CAPACITY];
    private int v4Size;
    private final Map<Prefix, V> others = new HashMap<>();

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32) & mask;
    }

    int size() {
        return v4Size + others.size();
    }

    @SuppressWarnings("unchecked")
    V get(Prefix prefix) {
        long key = prefix.ipv4Key();
        if (key < 0) return others.get(prefix);
        int mask = slots.length - 1;
        for (int i = slot(key, mask); slots[i] != null; i = i + 1 & mask) {
            if (((V) slots[i]).ipv4Key() == key) return (V) slots[i];
        }
        return null;
    }

    /** Sets the value for {@code prefix}, which must be the value's own; returns the previous one or null. */
    @SuppressWarnings("unchecked")
    V put(Prefix prefix, V value) {
        long key = prefix.ipv4Key();
        if (key != value.ipv4Key()) throw new IllegalArgumentException("value is not for " + prefix);
        if (key < 0) return others.put(prefix, value);
        int mask = slots.length - 1;
        int i = slot(key, mask);
        for (; slots[i] != null; i = i + 1 & mask) {
            if (((V) slots[i]).ipv4Key() == key) {
                V old = (V) slots[i];
                slots[i] = value;
                return old;
            }
        }
        slots[i] = value;
        // Load factor 1/2, lower than PrefixTable's because every probe of an occupied slot reads a value's key
        // (a cache miss): at 3/4 an insert probes 8.5 slots on average, at 1/2 2.5. Slots are 4 octets, so this
        // costs 8 octets per entry at worst.
        if (++v4Size > slots.length >>> 1) grow();
        return null;
    }

    @SuppressWarnings("unchecked")
    V remove(Prefix prefix) {
        long key = prefix.ipv4Key();
        if (key < 0) return others.remove(prefix);
        int mask = slots.length - 1;
        int i = slot(key, mask);
        for (; ; i = i + 1 & mask) {
            if (slots[i] == null) return null;
            if (((V) slots[i]).ipv4Key() == key) break;
        }
        V old = (V) slots[i];
        // Backward-shift deletion, as PrefixTable.
        for (int hole = i, j = i + 1 & mask; ; j = j + 1 & mask) {
            if (slots[j] == null) {
                slots[hole] = null;
                break;
            }
            int home = slot(((V) slots[j]).ipv4Key(), mask);
            if ((j - home & mask) >= (j - hole & mask)) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        v4Size--;
        return old;
    }

    void clear() {
        slots = new Object[MIN_CAPACITY];
        v4Size = 0;
        others.clear();
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        Object[] old = slots;
        slots = new Object[old.length * 2];
        int mask = slots.length - 1;
        for (Object v : old) {
            if (v == null) continue;
            int i = slot(((V) v).ipv4Key(), mask);
            while (slots[i] != null) i = i + 1 & mask;
            slots[i] = v;
        }
    }

    /** Every value, in a new list, in no particular order. */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> out = new ArrayList<>(size());
        for (Object v : slots) {
            if (v != null) out.add((V) v);
        }
        out.addAll(others.values());
        return out;
    }
}
