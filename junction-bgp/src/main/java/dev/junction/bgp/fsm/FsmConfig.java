package dev.junction.bgp.fsm;

import dev.junction.bgp.wire.Capability;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One peer's session parameters.
 *
 * @param localAsn        our AS (4 octets; the OPEN carries AS_TRANS if it does not fit, RFC 6793 §4.2.1)
 * @param routerId        our BGP Identifier (RFC 4271 §4.2, RFC 6286)
 * @param peerAsn         the AS the peer must announce (RFC 4271 §6.2 Bad Peer AS)
 * @param holdTime        the Hold Time we propose, 0 or at least 3 s (RFC 4271 §4.2)
 * @param minHoldTime     the smallest non-zero Hold Time we accept from the peer (RFC 4271 §6.2 "MAY reject")
 * @param keepaliveTime   our KEEPALIVE interval, or 0 for a third of the negotiated Hold Time (RFC 4271 §4.4, §10)
 * @param connectRetry    first ConnectRetryTime; doubles per failed attempt up to {@code connectRetryMax}
 * @param idleHold        first IdleHoldTime before an automatic restart; doubles per failure up to
 *                        {@code connectRetryMax} (RFC 4271 §8.1.1 DampPeerOscillations)
 * @param passive         never connect out, only accept (RFC 4271 §8.1.1 PassiveTcpEstablishment)
 * @param openWait        Hold Time while waiting for the OPEN; RFC 4271 §8.2.2 suggests 4 minutes
 * @param capabilities    what our OPEN advertises, asked for each OPEN (the graceful-restart R bit changes)
 * @param required        capabilities the peer must advertise (RFC 5492 §5 Unsupported Capability)
 * @param enforceFirstAs  check that an external peer's AS_PATH starts with its AS (RFC 4271 §6.3; off for route servers)
 */
public record FsmConfig(long localAsn, Inet4Address routerId, long peerAsn, int holdTime, int minHoldTime,
                        int keepaliveTime, Duration connectRetry, Duration connectRetryMax, Duration idleHold,
                        boolean passive, Duration openWait, Supplier<List<Capability>> capabilities,
                        List<Capability> required, boolean enforceFirstAs) {
    public FsmConfig {
        if (holdTime != 0 && holdTime < 3 || holdTime > 0xFFFF) {
            throw new IllegalArgumentException("Hold Time must be 0 or 3..65535 s (RFC 4271 §4.2): " + holdTime);
        }
        if (minHoldTime < 3) throw new IllegalArgumentException("minimum Hold Time below 3 s (RFC 4271 §4.2)");
        required = List.copyOf(required);
    }

    /** Defaults: hold 90 s (RFC 4271 §10), retry from 5 s up to 120 s, idle hold from 1 s, open wait 240 s. */
    public static FsmConfig of(long localAsn, Inet4Address routerId, long peerAsn, List<Capability> capabilities) {
        return new FsmConfig(localAsn, routerId, peerAsn, 90, 3, 0, Duration.ofSeconds(5), Duration.ofSeconds(120),
                Duration.ofSeconds(1), false, Duration.ofMinutes(4), () -> capabilities, List.of(), true);
    }

    /** Internal peer: same AS (RFC 4271 §3). */
    public boolean internal() {
        return localAsn == peerAsn;
    }

    public FsmConfig withHoldTime(int seconds) {
        return new FsmConfig(localAsn, routerId, peerAsn, seconds, minHoldTime, keepaliveTime, connectRetry,
                connectRetryMax, idleHold, passive, openWait, capabilities, required, enforceFirstAs);
    }

    public FsmConfig withKeepaliveTime(int seconds) {
        return new FsmConfig(localAsn, routerId, peerAsn, holdTime, minHoldTime, seconds, connectRetry,
                connectRetryMax, idleHold, passive, openWait, capabilities, required, enforceFirstAs);
    }

    public FsmConfig withMinHoldTime(int seconds) {
        return new FsmConfig(localAsn, routerId, peerAsn, holdTime, seconds, keepaliveTime, connectRetry,
                connectRetryMax, idleHold, passive, openWait, capabilities, required, enforceFirstAs);
    }

    public FsmConfig withRetry(Duration connectRetry, Duration connectRetryMax, Duration idleHold) {
        return new FsmConfig(localAsn, routerId, peerAsn, holdTime, minHoldTime, keepaliveTime, connectRetry,
                connectRetryMax, idleHold, passive, openWait, capabilities, required, enforceFirstAs);
    }

    public FsmConfig withPassive(boolean passive) {
        return new FsmConfig(localAsn, routerId, peerAsn, holdTime, minHoldTime, keepaliveTime, connectRetry,
                connectRetryMax, idleHold, passive, openWait, capabilities, required, enforceFirstAs);
    }

    public FsmConfig withCapabilities(Supplier<List<Capability>> capabilities) {
        return new FsmConfig(localAsn, routerId, peerAsn, holdTime, minHoldTime, keepaliveTime, connectRetry,
                connectRetryMax, idleHold, passive, openWait, capabilities, required, enforceFirstAs);
    }

    public FsmConfig withRequired(List<Capability> required) {
        return new FsmConfig(localAsn, routerId, peerAsn, holdTime, minHoldTime, keepaliveTime, connectRetry,
                connectRetryMax, idleHold, passive, openWait, capabilities, required, enforceFirstAs);
    }

    public FsmConfig withEnforceFirstAs(boolean enforce) {
        return new FsmConfig(localAsn, routerId, peerAsn, holdTime, minHoldTime, keepaliveTime, connectRetry,
                connectRetryMax, idleHold, passive, openWait, capabilities, required, enforce);
    }
}
