package dev.junction.bgp.rib;

import dev.junction.bgp.wire.Prefix;

import java.lang.System.Logger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Loc-RIB (RFC 4271 §3.2): per prefix, the candidate routes from every source and the one the
 * {@link DecisionProcess} selected. Single-threaded: owned by the routing engine's thread.
 *
 * <p>Deferral: while {@link #defer deferred}, candidates change but best paths are not recomputed or reported.
 * That is what a restarting speaker does until it has the peers' End-of-RIB markers (RFC 4724 §4.1
 * "defer route selection"); {@link #resume} then selects everything once and reports the net changes.
 */
public final class LocRib {
    private static final Logger LOG = System.getLogger(LocRib.class.getName());

    /** A prefix with several candidates, or any prefix while selection is deferred. */
    private static final class Destination implements KeyedTable.Keyed {
        final long ipv4Key;
        final Map<InetAddress, Route> candidates = new HashMap<>();
        Route best;

        Destination(Prefix prefix) {
            ipv4Key = prefix.ipv4Key();
        }

        @Override
        public long ipv4Key() {
            return ipv4Key;
        }
    }

    private final DecisionProcess decision;
    /**
     * Per prefix either the one candidate, which is then also the best (a full table from one peer is all of this
     * kind, and a Destination with its map would triple its memory), or a {@link Destination}.
     */
    private final KeyedTable<KeyedTable.Keyed> table = new KeyedTable<>();
    private final List<BestPathListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<Prefix> dirty = new LinkedHashSet<>();
    private boolean deferred;

    public LocRib(DecisionProcess decision) {
        this.decision = decision;
    }

    /** Adds or replaces the candidate from {@code route.source()}; returns the best-path change, if any. */
    public Optional<BestChange> put(Route route) {
        return put(route.prefix(), route);
    }

    /** {@link #put(Route)} with the route's prefix at hand. */
    Optional<BestChange> put(Prefix prefix, Route route) {
        KeyedTable.Keyed v;
        if (!deferred) {
            // Optimistically the only candidate, new or replaced by its own source: it wins unopposed. One probe
            // of the table in that common case; otherwise the previous entry goes back.
            v = table.put(prefix, route);
            if (v == null || v instanceof Route r && r.source().address().equals(route.source().address())) {
                return changed(prefix, (Route) v, route);
            }
            table.put(prefix, v);
        } else {
            v = table.get(prefix);
        }
        Destination d = destination(prefix, v);
        d.candidates.put(route.source().address(), route);
        return reselect(prefix, d);
    }

    /** Removes the candidate from {@code source}; returns the best-path change, if any. */
    public Optional<BestChange> remove(Prefix prefix, InetAddress source) {
        KeyedTable.Keyed v = table.get(prefix);
        if (v == null) return Optional.empty();
        if (v instanceof Route r) {
            if (!r.source().address().equals(source)) return Optional.empty();
            if (!deferred) {
                table.remove(prefix);
                return changed(prefix, r, null);
            }
        }
        Destination d = destination(prefix, v);
        if (d.candidates.remove(source) == null) return Optional.empty();
        return reselect(prefix, d);
    }

    /** The prefix's entry as a Destination, expanding a lone candidate in place. */
    private Destination destination(Prefix prefix, KeyedTable.Keyed v) {
        if (v instanceof Destination d) return d;
        Destination d = new Destination(prefix);
        if (v instanceof Route r) {
            d.candidates.put(r.source().address(), r);
            d.best = r;
        }
        table.put(prefix, d);
        return d;
    }

    private Optional<BestChange> reselect(Prefix prefix, Destination d) {
        if (deferred) {
            dirty.add(prefix);
            return Optional.empty();
        }
        Route old = d.best;
        // One candidate wins unopposed; skipping the recorded selection saves its lists and maps for the common case.
        d.best = d.candidates.size() == 1 ? d.candidates.values().iterator().next() : decision.select(d.candidates.values()).best();
        if (d.candidates.isEmpty()) table.remove(prefix);
        else if (d.candidates.size() == 1) table.put(prefix, d.best);
        return changed(prefix, old, d.best);
    }

    private Optional<BestChange> changed(Prefix prefix, Route old, Route best) {
        if (old == null && best == null || old != null && old.sameAs(best)) return Optional.empty();
        BestChange change = new BestChange(prefix, Optional.ofNullable(old), Optional.ofNullable(best));
        if (!listeners.isEmpty()) notifyListeners(change);
        return Optional.of(change);
    }

    private void notifyListeners(BestChange c) {
        for (BestPathListener l : listeners) {
            try {
                l.bestPathChanged(c.prefix(), c.oldBest(), c.newBest());
            } catch (RuntimeException e) {
                LOG.log(Logger.Level.WARNING, "best-path listener failed for " + c.prefix(), e);
            }
        }
    }

    public Optional<Route> best(Prefix prefix) {
        KeyedTable.Keyed v = table.get(prefix);
        return v instanceof Destination d ? Optional.ofNullable(d.best) : Optional.ofNullable((Route) v);
    }

    /** Every best route, in no particular order. */
    public List<Route> bests() {
        List<Route> out = new ArrayList<>(table.size());
        for (KeyedTable.Keyed v : table.values()) {
            if (v instanceof Route r) out.add(r);
            else if (((Destination) v).best != null) out.add(((Destination) v).best);
        }
        return out;
    }

    /** All candidates for a prefix. */
    public List<Route> candidates(Prefix prefix) {
        KeyedTable.Keyed v = table.get(prefix);
        if (v == null) return List.of();
        return v instanceof Destination d ? List.copyOf(d.candidates.values()) : List.of((Route) v);
    }

    /** The candidates for {@code prefix}, the winner, and the step that decided against each loser. */
    public Explanation explain(Prefix prefix) {
        return Explanation.of(prefix, decision.select(candidates(prefix)));
    }

    /** Subscribes to best-path changes; close the handle to unsubscribe. */
    public AutoCloseable subscribe(BestPathListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void defer() {
        deferred = true;
    }

    public boolean deferred() {
        return deferred;
    }

    /** Ends deferral: selects every prefix touched meanwhile and returns (and reports) the changes. */
    public List<BestChange> resume() {
        deferred = false;
        List<BestChange> changes = new ArrayList<>();
        for (Prefix p : dirty) {
            if (table.get(p) instanceof Destination d) reselect(p, d).ifPresent(changes::add);
        }
        dirty.clear();
        return changes;
    }

    public int size() {
        return table.size();
    }
}
