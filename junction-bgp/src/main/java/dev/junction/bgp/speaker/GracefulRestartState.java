package dev.junction.bgp.speaker;

import dev.junction.bgp.fsm.Scheduler;
import dev.junction.bgp.fsm.SessionDown;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Capability.GracefulRestart;
import dev.junction.bgp.wire.Prefix;

import java.lang.System.Logger;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Graceful restart in both roles (RFC 4724), on the routing engine's thread.
 *
 * <p>Helper ("Receiving Speaker", §4.2): when a peer that negotiated the capability goes away in a way that invokes
 * it ({@link SessionDown#retainRoutes()}), its routes stay as stale for its Restart Time. When it is back, families
 * without the Forwarding State bit are flushed at once, the others when its End-of-RIB arrives, at the latest
 * after the stale-path time.
 *
 * <p>Restarting speaker (§4.1): with {@link GracefulRestartConfig#restarting()}, route selection is deferred (the
 * Loc-RIB collects but reports nothing, nothing is sent) until every peer that is not itself restarting has sent
 * End-of-RIB for each family, or the selection deferral timer expires; then the tables and End-of-RIB go out.
 */
final class GracefulRestartState {
    private static final Logger LOG = System.getLogger(GracefulRestartState.class.getName());

    private final RoutingEngine engine;
    private final GracefulRestartConfig config;
    private final Scheduler scheduler;
    private final Map<String, Set<AfiSafi>> stale = new HashMap<>();
    private final Map<String, Scheduler.Cancellable> timers = new HashMap<>();
    private final Map<String, Long> generations = new HashMap<>();
    private boolean deferring;
    private Scheduler.Cancellable deferralTimer;

    GracefulRestartState(RoutingEngine engine, GracefulRestartConfig config, Scheduler scheduler) {
        this.engine = engine;
        this.config = config;
        this.scheduler = scheduler;
        if (config.enabled() && config.restarting()) {
            deferring = true;
            engine.rib().defer();
            deferralTimer = scheduler.schedule(config.selectionDeferralTime(), () -> endDeferral("selection deferral timer expired"));
        }
    }

    boolean deferring() {
        return deferring;
    }

    /** The families of the peer whose routes are currently stale. */
    Set<AfiSafi> staleFamilies(String peer) {
        return Set.copyOf(stale.getOrDefault(peer, Set.of()));
    }

    void peerDown(RoutingEngine.Peer p, SessionDown down, Set<AfiSafi> retained) {
        cancel(p);
        if (retained.isEmpty()) {
            stale.remove(p.config.name());
            return;
        }
        stale.put(p.config.name(), new LinkedHashSet<>(retained));
        // RFC 4724 §4.2: "If the session does not get re-established within the "Restart Time" that the peer
        // advertised previously, the Receiving Speaker MUST delete all the stale routes from the peer".
        int restartTime = down.negotiated().peerGracefulRestart().map(GracefulRestart::restartTime).orElse(0);
        LOG.log(Logger.Level.INFO, "peer " + p.config.name() + ": keeping routes of " + retained + " as stale for up to " + restartTime + " s");
        schedule(p, Duration.ofSeconds(restartTime), "restart time expired");
    }

    void peerUp(RoutingEngine.Peer p) {
        cancel(p);
        Set<AfiSafi> families = stale.get(p.config.name());
        if (families == null || families.isEmpty()) return;
        Optional<GracefulRestart> gr = p.negotiated.peerGracefulRestart();
        for (AfiSafi f : List.copyOf(families)) {
            boolean preserved = gr.isPresent() && p.negotiated.families().contains(f)
                    && gr.get().families().stream().anyMatch(x -> x.family().equals(f) && x.forwardingState());
            // RFC 4724 §4.2: without the capability in the new session, or without the Forwarding State bit for a
            // family, the Receiving Speaker "MUST immediately remove all the stale routes" of that family.
            if (!preserved) sweep(p, f, "forwarding state not preserved");
        }
        if (!families.isEmpty()) schedule(p, config.stalePathTime(), "stale path time expired");
    }

    /** RFC 4724 §4.2: on End-of-RIB "it MUST immediately remove any routes from the peer that are still marked as stale". */
    void endOfRib(RoutingEngine.Peer p, AfiSafi family) {
        Set<AfiSafi> families = stale.get(p.config.name());
        if (families != null && families.contains(family)) {
            sweep(p, family, "End-of-RIB");
            if (families.isEmpty()) cancel(p);
        }
        checkDeferral();
    }

    /**
     * RFC 4724 §4.1: defer "until it either (a) receives the End-of-RIB marker from all its peers (excluding the ones
     * with the "Restart State" bit set in the received capability and excluding the ones that do not advertise the
     * graceful restart capability) or (b) the Selection_Deferral_Timer ... expires". A configured peer not yet up
     * keeps us waiting (for the timer at most).
     */
    void checkDeferral() {
        if (!deferring) return;
        for (RoutingEngine.Peer p : engine.peers().values()) {
            if (!p.up()) return;
            Optional<GracefulRestart> gr = p.negotiated.peerGracefulRestart();
            if (gr.isEmpty() || gr.get().restartState()) continue;
            if (!p.endOfRibReceived.containsAll(p.negotiated.families())) return;
        }
        endDeferral("End-of-RIB from every peer");
    }

    private void endDeferral(String why) {
        if (!deferring) return;
        deferring = false;
        if (deferralTimer != null) deferralTimer.cancel();
        LOG.log(Logger.Level.INFO, "route selection resumes: " + why);
        engine.rib().resume();
        for (RoutingEngine.Peer p : engine.peers().values()) if (p.up()) engine.sendInitialTable(p);
    }

    private void sweep(RoutingEngine.Peer p, AfiSafi family, String why) {
        List<Prefix> gone = engine.rib().sweepStale(p.config.address(), family);
        Set<AfiSafi> families = stale.get(p.config.name());
        if (families != null) families.remove(family);
        if (!gone.isEmpty()) LOG.log(Logger.Level.INFO, "peer " + p.config.name() + ": removed " + gone.size() + " stale " + family + " routes (" + why + ")");
    }

    private void schedule(RoutingEngine.Peer p, Duration delay, String why) {
        long gen = generations.merge(p.config.name(), 1L, Long::sum);
        timers.put(p.config.name(), scheduler.schedule(delay, () -> expire(p, gen, why)));
    }

    private void expire(RoutingEngine.Peer p, long gen, String why) {
        if (generations.getOrDefault(p.config.name(), 0L) != gen) return;
        timers.remove(p.config.name());
        Set<AfiSafi> families = stale.get(p.config.name());
        if (families == null) return;
        for (AfiSafi f : List.copyOf(families)) sweep(p, f, why);
        engine.flush();
    }

    private void cancel(RoutingEngine.Peer p) {
        generations.merge(p.config.name(), 1L, Long::sum);
        Scheduler.Cancellable c = timers.remove(p.config.name());
        if (c != null) c.cancel();
    }
}
