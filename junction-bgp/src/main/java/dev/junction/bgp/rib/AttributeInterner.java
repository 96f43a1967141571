package dev.junction.bgp.rib;

import java.lang.ref.WeakReference;
import java.util.WeakHashMap;

/**
 * One shared {@link RouteAttributes} object per distinct attribute set, as BIRD's attribute cache does: a full
 * table has millions of routes but only thousands of attribute sets, and every UPDATE would otherwise bring its
 * own copy. Weak, so a set no route uses any more goes with the next collection. The last input is remembered by
 * identity because all prefixes of one UPDATE arrive with the same object, which then costs no hashing at all.
 * Single-threaded (the RIB's).
 */
final class AttributeInterner {
    private final WeakHashMap<RouteAttributes, WeakReference<RouteAttributes>> table = new WeakHashMap<>();
    private RouteAttributes lastIn;
    private RouteAttributes lastOut;

    RouteAttributes intern(RouteAttributes a) {
        if (a == lastIn) return lastOut;
        WeakReference<RouteAttributes> ref = table.get(a);
        RouteAttributes shared = ref == null ? null : ref.get();
        if (shared == null) {
            shared = a;
            table.put(a, new WeakReference<>(a));
        }
        lastIn = a;
        lastOut = shared;
        return shared;
    }

    /** Distinct attribute sets currently held (some may be unused, awaiting collection). */
    int size() {
        return table.size();
    }
}
