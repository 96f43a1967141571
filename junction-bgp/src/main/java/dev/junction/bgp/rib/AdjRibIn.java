package dev.junction.bgp.rib;

import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Prefix;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One peer's Adj-RIB-In (RFC 4271 §3.2) after import policy: the routes it announced that we accepted, plus which
 * of them are stale, i.e. kept over the peer's graceful restart until it re-announces them or its End-of-RIB
 * arrives (RFC 4724 §4.2).
 */
public final class AdjRibIn {
    private final KeyedTable<Route> routes = new KeyedTable<>();
    private final Set<Prefix> stale = new HashSet<>();

    /** Stores the route (an implicit withdraw of the previous one, RFC 4271 §9) and clears its stale mark. */
    public Optional<Route> put(Route route) {
        return put(route.prefix(), route);
    }

    /** {@link #put(Route)} with the route's prefix at hand (saves building it again from the route's key). */
    Optional<Route> put(Prefix prefix, Route route) {
        if (!stale.isEmpty()) stale.remove(prefix);
        return Optional.ofNullable(routes.put(prefix, route));
    }

    public Optional<Route> remove(Prefix prefix) {
        if (!stale.isEmpty()) stale.remove(prefix);
        return Optional.ofNullable(routes.remove(prefix));
    }

    public Optional<Route> get(Prefix prefix) {
        return Optional.ofNullable(routes.get(prefix));
    }

    public Collection<Route> routes() {
        return List.copyOf(routes.values());
    }

    public int size() {
        return routes.size();
    }

    /** Marks every route of the families stale (RFC 4724 §4.2 "mark them as stale"). */
    public void markStale(Set<AfiSafi> families) {
        for (Route r : routes.values()) if (families.contains(r.family())) stale.add(r.prefix());
    }

    public boolean isStale(Prefix prefix) {
        return stale.contains(prefix);
    }

    public int staleCount() {
        return stale.size();
    }

    /** Removes and returns the routes of {@code family} still stale. */
    public List<Prefix> sweepStale(AfiSafi family) {
        List<Prefix> out = new ArrayList<>();
        for (Prefix p : List.copyOf(stale)) {
            if (AfiSafi.unicast(p.family()).equals(family)) {
                stale.remove(p);
                routes.remove(p);
                out.add(p);
            }
        }
        return out;
    }

    /** Removes and returns every prefix of {@code family}, or of all families if null. */
    public List<Prefix> removeAll(AfiSafi family) {
        List<Prefix> out = new ArrayList<>();
        for (Route r : routes.values()) {
            Prefix p = r.prefix();
            if (family == null || r.family().equals(family)) {
                routes.remove(p);
                stale.remove(p);
                out.add(p);
            }
        }
        return out;
    }
}
