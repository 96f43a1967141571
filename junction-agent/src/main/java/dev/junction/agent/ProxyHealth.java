package dev.junction.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * kube-proxy's proxy health: the proxy is healthy unless an update was queued and not programmed within
 * {@code timeout} (2 x the sync period). Junction adds one rule: before its first sync has been programmed it
 * is not healthy, so that no load balancer sends traffic to a node whose rules are not in place yet.
 * {@code /healthz} is also unhealthy while the node is being deleted or drained (KEP-3836); {@code /livez}
 * ignores the node. Thread-safe.
 */
public final class ProxyHealth {
    private final Clock clock;
    private final Duration timeout;
    private Instant lastUpdated;
    private Instant oldestQueued;
    private boolean nodeDraining;

    public ProxyHealth(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /** A change arrived that needs a sync. */
    public synchronized void queued() {
        if (oldestQueued == null) {
            oldestQueued = clock.instant();
        }
    }

    /** Everything queued so far has been programmed. */
    public synchronized void updated() {
        lastUpdated = clock.instant();
        oldestQueued = null;
    }

    public synchronized void nodeDraining(boolean draining) {
        nodeDraining = draining;
    }

    /** The /livez answer: syncs happen and keep up. */
    public synchronized boolean live() {
        if (lastUpdated == null) {
            return false;
        }
        return oldestQueued == null || Duration.between(oldestQueued, clock.instant()).compareTo(timeout) <= 0;
    }

    /** The /healthz answer: live, and the node is not going away. */
    public synchronized boolean healthy() {
        return live() && !nodeDraining;
    }

    public synchronized boolean nodeEligible() {
        return !nodeDraining;
    }

    /** kube-proxy's JSON body. */
    public synchronized String json(boolean healthy) {
        return "{\"lastUpdated\": \"" + (lastUpdated == null ? "" : lastUpdated) + "\",\"currentTime\": \"" + clock.instant()
                + "\",\"nodeEligible\": " + !nodeDraining + ",\"healthy\": " + healthy + "}";
    }
}
