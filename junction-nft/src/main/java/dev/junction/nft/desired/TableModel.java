package dev.junction.nft.desired;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * What Junction's table holds, as the union of the fragments of many owners (the skeleton and each
 * service). Objects shared by several fragments (a chain or set that more than one service needs, an element
 * that several put into a shared set) are reference-counted: created with the first owner, removed with the
 * last. When two owners put different values under one key (two services claiming the same external IP and
 * port), the first keeps it and the other's value waits in line, so the kernel never sees a duplicate.
 *
 * <p>{@link #replace} applies one owner's change and records into a {@link TablePlan} exactly the operations
 * that change requires. Not thread-safe: owned by the sync thread.
 */
public final class TableModel {
    private static final class Counted<T> {
        final T def;
        int count;

        Counted(T def) {
            this.def = def;
        }
    }

    /**
     * Values of one key, by owner, in arrival order: the first is what the kernel has. Almost every key has one
     * owner, so that one is held in two fields and only further claimants get a list (a map per key cost
     * hundreds of bytes each at a million elements).
     */
    private static final class Claims {
        private Object owner;
        private String value;
        private java.util.ArrayList<Object[]> others;

        String effective() {
            return value;
        }

        boolean isEmpty() {
            return owner == null;
        }

        void put(Object who, String v) {
            if (owner == null || owner.equals(who)) {
                owner = who;
                value = v;
                return;
            }
            if (others == null) {
                others = new java.util.ArrayList<>(2);
            }
            for (Object[] o : others) {
                if (o[0].equals(who)) {
                    o[1] = v;
                    return;
                }
            }
            others.add(new Object[] {who, v});
        }

        void remove(Object who) {
            if (who.equals(owner)) {
                if (others == null || others.isEmpty()) {
                    owner = null;
                    value = null;
                } else {
                    Object[] next = others.remove(0);
                    owner = next[0];
                    value = (String) next[1];
                }
            } else if (others != null) {
                others.removeIf(o -> o[0].equals(who));
            }
        }
    }

    private final Map<String, Counted<ChainDef>> chains = new HashMap<>();
    private final Map<String, Counted<SetDef>> sets = new HashMap<>();
    private final Map<String, Map<String, Claims>> elements = new HashMap<>();
    private final Map<Object, Fragment> fragments = new HashMap<>();
    private int conflicts;

    public Fragment fragmentOf(Object owner) {
        return fragments.getOrDefault(owner, Fragment.EMPTY);
    }

    /** Keys some owner wanted but another holds with a different value: logged and exported as a metric. */
    public int conflicts() {
        return conflicts;
    }

    public int chainCount() {
        return chains.size();
    }

    public int elementCount() {
        return elements.values().stream().mapToInt(Map::size).sum();
    }

    /** Replaces the fragment of {@code owner}, recording the operations into {@code plan}. */
    public void replace(Object owner, Fragment next, TablePlan plan) {
        Fragment prev = fragments.getOrDefault(owner, Fragment.EMPTY);
        if (prev.equals(next)) {
            return;
        }
        // Declarations first, so that rules and elements below may refer to them.
        next.sets().forEach((name, def) -> {
            if (!def.equals(prev.sets().get(name))) {
                acquireSet(name, def, plan);
            }
        });
        prev.sets().forEach((name, def) -> {
            if (!def.equals(next.sets().get(name))) {
                releaseSet(name, plan);
            }
        });
        next.chains().forEach((name, def) -> {
            ChainDef old = prev.chains().get(name);
            if (old == null) {
                acquireChain(name, def, plan);
            } else if (!old.equals(def)) {
                Counted<ChainDef> c = chains.get(name);
                if (c.count == 1) { // a chain others share keeps the first definition
                    chains.put(name, withCount(new Counted<>(def), 1));
                    plan.rewriteChain(name, def);
                }
            }
        });
        prev.chains().forEach((name, def) -> {
            if (!next.chains().containsKey(name)) {
                releaseChain(name, plan);
            }
        });
        diffElements(prev, next, (set, key) -> unclaim(owner, set, key, plan), (set, kv) -> claim(owner, set, kv[0], kv[1], plan));
        if (next.equals(Fragment.EMPTY)) {
            fragments.remove(owner);
        } else {
            fragments.put(owner, next);
        }
    }

    /** Calls {@code removed} for keys only in prev, {@code added} for keys new or changed in next. */
    private static void diffElements(Fragment prev, Fragment next, BiConsumer<String, String> removed,
            BiConsumer<String, String[]> added) {
        prev.elements().forEach((set, kv) -> {
            Map<String, String> now = next.elementsOf(set);
            kv.forEach((k, v) -> {
                if (!now.containsKey(k)) {
                    removed.accept(set, k);
                }
            });
        });
        next.elements().forEach((set, kv) -> {
            Map<String, String> before = prev.elementsOf(set);
            kv.forEach((k, v) -> {
                if (!v.equals(before.get(k))) {
                    added.accept(set, new String[] {k, v});
                }
            });
        });
    }

    private void claim(Object owner, String set, String key, String value, TablePlan plan) {
        Claims claims = elements.computeIfAbsent(set, s -> new HashMap<>()).computeIfAbsent(key, k -> new Claims());
        String before = claims.effective();
        claims.put(owner, value);
        String after = claims.effective();
        if (!Objects.equals(before, after)) {
            if (before != null) {
                plan.deleteElement(set, key);
            }
            plan.addElement(set, key, after);
        } else if (!value.equals(after)) {
            conflicts++;
        }
    }

    private void unclaim(Object owner, String set, String key, TablePlan plan) {
        Map<String, Claims> byKey = elements.get(set);
        Claims claims = byKey == null ? null : byKey.get(key);
        if (claims == null) {
            return;
        }
        String before = claims.effective();
        claims.remove(owner);
        String after = claims.effective();
        if (claims.isEmpty()) {
            byKey.remove(key);
            plan.deleteElement(set, key);
        } else if (!after.equals(before)) {
            plan.deleteElement(set, key);
            plan.addElement(set, key, after);
        }
    }

    private void acquireChain(String name, ChainDef def, TablePlan plan) {
        Counted<ChainDef> c = chains.computeIfAbsent(name, n -> new Counted<>(def));
        if (c.count++ == 0) {
            plan.addChain(name, def);
        }
    }

    private void releaseChain(String name, TablePlan plan) {
        Counted<ChainDef> c = chains.get(name);
        if (c != null && --c.count == 0) {
            chains.remove(name);
            plan.removeChain(name);
        }
    }

    private void acquireSet(String name, SetDef def, TablePlan plan) {
        Counted<SetDef> c = sets.computeIfAbsent(name, n -> new Counted<>(def));
        if (c.count++ == 0) {
            plan.addSet(name, def);
        }
    }

    private void releaseSet(String name, TablePlan plan) {
        Counted<SetDef> c = sets.get(name);
        if (c != null && --c.count == 0) {
            sets.remove(name);
            elements.remove(name);
            plan.removeSet(name);
        }
    }

    private static <T> Counted<T> withCount(Counted<T> c, int n) {
        c.count = n;
        return c;
    }

    // ---- views for a full resync against what the kernel lists ----

    public void forEachChain(BiConsumer<String, ChainDef> f) {
        chains.forEach((n, c) -> f.accept(n, c.def));
    }

    public void forEachSet(BiConsumer<String, SetDef> f) {
        sets.forEach((n, c) -> f.accept(n, c.def));
    }

    /** The effective elements of a set: key to value, as the kernel should hold them. */
    public Map<String, String> effectiveElements(String set) {
        Map<String, String> out = new HashMap<>();
        elements.getOrDefault(set, Map.of()).forEach((k, c) -> out.put(k, c.effective()));
        return out;
    }

    /** Calls {@code f} with each effective element of a set, without copying them. */
    public void forEachEffective(String set, BiConsumer<String, String> f) {
        elements.getOrDefault(set, Map.of()).forEach((k, c) -> f.accept(k, c.effective()));
    }

    public boolean hasChain(String name) {
        return chains.containsKey(name);
    }

    public boolean hasSet(String name) {
        return sets.containsKey(name);
    }
}
