package dev.junction.bgp.speaker;

import java.time.Duration;

/**
 * Graceful restart (RFC 4724, with RFC 8538 notification support).
 *
 * @param enabled             advertise the capability; we act as helper for peers that advertise it too
 * @param restartTime         the Restart Time we advertise: how long peers keep our routes (RFC 4724 §3, ≤ 4095 s)
 * @param stalePathTime       upper bound on keeping a restarted peer's stale routes after it is back (RFC 4724 §4.2
 *                            "MAY support a (configurable) timer")
 * @param restarting          this process is a restart: set the Restart State bit and defer route selection
 *                            (RFC 4724 §4.1) until every peer sent End-of-RIB or {@code selectionDeferralTime} passed
 * @param forwardingPreserved the routes we installed survived the restart (Forwarding State bit, RFC 4724 §3)
 */
public record GracefulRestartConfig(boolean enabled, int restartTime, Duration stalePathTime, boolean restarting,
                                    boolean forwardingPreserved, Duration selectionDeferralTime) {
    public GracefulRestartConfig {
        if (restartTime < 0 || restartTime > 4095) throw new IllegalArgumentException("restart time is 0..4095 s (RFC 4724 §3)");
    }

    /** On, 120 s restart time (BIRD's and Cilium's default), stale paths kept up to 360 s, deferral up to 360 s. */
    public static final GracefulRestartConfig DEFAULT = new GracefulRestartConfig(true, 120, Duration.ofSeconds(360),
            false, true, Duration.ofSeconds(360));
    public static final GracefulRestartConfig DISABLED = new GracefulRestartConfig(false, 0, Duration.ZERO, false, false, Duration.ZERO);

    public GracefulRestartConfig asRestart() {
        return new GracefulRestartConfig(enabled, restartTime, stalePathTime, true, forwardingPreserved, selectionDeferralTime);
    }
}
