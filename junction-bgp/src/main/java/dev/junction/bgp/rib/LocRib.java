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

    private static final class Destination {
        final Map<InetAddress, Route> candidates = new HashMap<>();
        Route best;
    }

    private final DecisionProcess decision;
    private final Map<Prefix, Destination> table = new HashMap<>();
    private final List<BestPathListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<Prefix> dirty = new LinkedHashSet<>();
    private boolean deferred;

    public LocRib(DecisionProcess decision) {
        this.decision = decision;
    }

    /** Adds or replaces the candidate from {@code route.source()}; returns the best-path change, if any. */
    public Optional<BestChange> put(Route route) {
        Destination d = table.computeIfAbsent(route.prefix(), p -> new Destination());
        d.candidates.put(route.source().address(), route);
        return reselect(route.prefix(), d);
    }

    /** Removes the candidate from {@code source}; returns the best-path change, if any. */
    public Optional<BestChange> remove(Prefix prefix, InetAddress source) {
        Destination d = table.get(prefix);
        if (d == null || d.candidates.remove(source) == null) return Optional.empty();
        return reselect(prefix, d);
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
        if (old == null && d.best == null || old != null && old.sameAs(d.best)) return Optional.empty();
        BestChange change = new BestChange(prefix, Optional.ofNullable(old), Optional.ofNullable(d.best));
        notifyListeners(change);
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
        Destination d = table.get(prefix);
        return d == null ? Optional.empty() : Optional.ofNullable(d.best);
    }

    /** Every best route, in no particular order. */
    public List<Route> bests() {
        List<Route> out = new ArrayList<>();
        for (Destination d : table.values()) if (d.best != null) out.add(d.best);
        return out;
    }

    /** All candidates for a prefix. */
    public List<Route> candidates(Prefix prefix) {
        Destination d = table.get(prefix);
        return d == null ? List.of() : List.copyOf(d.candidates.values());
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
            Destination d = table.get(p);
            if (d != null) reselect(p, d).ifPresent(changes::add);
        }
        dirty.clear();
        return changes;
    }

    public int size() {
        return table.size();
    }
}
