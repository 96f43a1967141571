package dev.junction.bgp.speaker;

import dev.junction.bgp.rib.policy.Policy;
import dev.junction.bgp.wire.AfiSafi;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * One configured neighbour. Build with {@link #builder}.
 *
 * @param port                 the peer's BGP port (179)
 * @param localAddress         source address for our connections and the NEXT_HOP we announce; null = kernel's choice
 * @param localPort            source port for our connections, 0 = ephemeral
 * @param ttl                  0 = kernel default; see {@code SocketOptions} for what the JDK can set
 * @param routeReflectorClient we reflect routes to and from this peer (RFC 4456 §5)
 * @param passive              only accept its connections
 * @param holdTime             proposed Hold Time, 0 or ≥ 3 s (RFC 4271 §4.2)
 * @param keepaliveTime        0 = a third of the negotiated Hold Time
 * @param nextHopV6            our IPv6 next hop for IPv6 routes over an IPv4 session (RFC 2545 §3); null = none
 */
public record PeerConfig(String name, InetAddress address, int port, long asn, InetAddress localAddress, int localPort,
                         int ttl, boolean routeReflectorClient, boolean passive, int holdTime, int keepaliveTime,
                         Duration connectRetry, Set<AfiSafi> families, Policy importPolicy, Policy exportPolicy,
                         InetAddress nextHopV6, Optional<String> md5Password) {
    public PeerConfig {
        families = Set.copyOf(families);
        if (families.isEmpty()) throw new IllegalArgumentException("peer " + name + " carries no address family");
    }

    /** The record's text without the password: configurations get logged. */
    @Override
    public String toString() {
        return "PeerConfig[" + name + " " + address.getHostAddress() + ":" + port + " AS" + asn
                + (md5Password.isPresent() ? " password <hidden>" : "") + (ttl != 0 ? " ttl " + ttl : "")
                + (routeReflectorClient ? " rr-client" : "") + (passive ? " passive" : "") + " families " + families + "]";
    }

    /** This peer with other policies (the rest of a session's settings unchanged). */
    public PeerConfig withPolicies(Policy importPolicy, Policy exportPolicy) {
        return new PeerConfig(name, address, port, asn, localAddress, localPort, ttl, routeReflectorClient, passive, holdTime,
                keepaliveTime, connectRetry, families, importPolicy, exportPolicy, nextHopV6, md5Password);
    }

    public static Builder builder(String name, InetAddress address, long asn) {
        return new Builder(name, address, asn);
    }

    public static final class Builder {
        private final String name;
        private final InetAddress address;
        private final long asn;
        private int port = 179;
        private InetAddress localAddress;
        private int localPort;
        private int ttl;
        private boolean rrClient;
        private boolean passive;
        private int holdTime = 90;
        private int keepaliveTime;
        private Duration connectRetry = Duration.ofSeconds(5);
        private Set<AfiSafi> families = Set.of(AfiSafi.IPV4_UNICAST);
        private Policy importPolicy = Policy.ACCEPT_ALL;
        private Policy exportPolicy = Policy.ACCEPT_ALL;
        private InetAddress nextHopV6;
        private Optional<String> md5 = Optional.empty();

        private Builder(String name, InetAddress address, long asn) {
            this.name = name;
            this.address = address;
            this.asn = asn;
        }

        public Builder port(int p) { port = p; return this; }
        public Builder localAddress(InetAddress a) { localAddress = a; return this; }
        public Builder localPort(int p) { localPort = p; return this; }
        public Builder ttl(int t) { ttl = t; return this; }
        public Builder routeReflectorClient(boolean c) { rrClient = c; return this; }
        public Builder passive(boolean p) { passive = p; return this; }
        public Builder holdTime(int h) { holdTime = h; return this; }
        public Builder keepaliveTime(int k) { keepaliveTime = k; return this; }
        public Builder connectRetry(Duration d) { connectRetry = d; return this; }
        public Builder families(Set<AfiSafi> f) { families = f; return this; }
        public Builder importPolicy(Policy p) { importPolicy = p; return this; }
        public Builder exportPolicy(Policy p) { exportPolicy = p; return this; }
        public Builder nextHopV6(InetAddress a) { nextHopV6 = a; return this; }
        public Builder md5Password(String pw) { md5 = Optional.ofNullable(pw); return this; }

        public PeerConfig build() {
            return new PeerConfig(name, address, port, asn, localAddress, localPort, ttl, rrClient, passive, holdTime,
                    keepaliveTime, connectRetry, families, importPolicy, exportPolicy, nextHopV6, md5);
        }
    }
}
