package dev.junction.netlink;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A unicast route with a single next hop, in the shape the kernel reports it back, so that a route read from a
 * dump equals the route that was installed and a reconciler can diff desired against actual sets.
 *
 * <p>Two kernel habits are folded into the constructor so that equality holds: IPv6 has no route scopes (the
 * kernel reports universe for every IPv6 route), and an IPv6 metric of 0 is stored as 1024. The kernel also
 * always reports the output device, even of a route installed with only a gateway: give the device
 * ({@link #outputIndex}) for the read-back to compare equal.
 *
 * @param destination the destination prefix, host bits clear ({@code 0.0.0.0/0} for a default route)
 * @param gateway     the next hop, if any
 * @param outputIndex the output interface index, 0 for none
 * @param onlink      RTNH_F_ONLINK: take the gateway to be on the link without checking any address covers it
 *                    (a VXLAN next hop: the peer's VTEP address in another node's subnet)
 * @param protocol    who owns the route, see {@link RouteProtocol}
 * @param table       the routing table, see {@link RouteTable}
 * @param scope       the IPv4 scope, see {@link RouteScope}
 * @param metric      RTA_PRIORITY: lower wins among routes to the same destination
 * @param mtu         the RTAX_MTU metric, 0 for none
 */
public record Route(IpPrefix destination, Optional<InetAddress> gateway, int outputIndex, boolean onlink,
                    int protocol, int table, int scope, int metric, int mtu) {
    /** The metric the kernel gives an IPv6 route that asks for 0 (IP6_RT_PRIO_USER). */
    public static final int IPV6_DEFAULT_METRIC = 1024;

    public Route {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(gateway, "gateway");
        if (gateway.isPresent() && IpFamily.of(gateway.get()) != destination.family()) {
            throw new IllegalArgumentException("gateway " + gateway.get().getHostAddress() + " for " + destination);
        }
        if (protocol < 0 || protocol > 255) throw new IllegalArgumentException("protocol " + protocol);
        if (destination.family() == IpFamily.V6) {
            scope = RouteScope.UNIVERSE;
            if (metric == 0) metric = IPV6_DEFAULT_METRIC;
        }
    }

    public IpFamily family() {
        return destination.family();
    }

    /** A builder for a route to {@code destination}; see {@link Builder} for the defaults. */
    public static Builder to(IpPrefix destination) {
        return new Builder(destination);
    }

    public static Builder to(String destination) {
        return new Builder(IpPrefix.parse(destination));
    }

    /** Like {@code ip route}: {@code 10.1.0.0/24 via 192.0.2.1 dev 3 onlink proto 244 table 254 scope 0 metric 10 mtu 1400}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(destination.toString());
        gateway.ifPresent(g -> s.append(" via ").append(g.getHostAddress()));
        if (outputIndex != 0) s.append(" dev ").append(outputIndex);
        if (onlink) s.append(" onlink");
        s.append(" proto ").append(protocol).append(" table ").append(table).append(" scope ").append(scope)
                .append(" metric ").append(metric);
        if (mtu != 0) s.append(" mtu ").append(mtu);
        return s.toString();
    }

    /**
     * Builds a {@link Route}. Defaults: protocol {@link RouteProtocol#JUNCTION} (this module exists for
     * Junction's routes, and an untagged route would escape the reconciler), table main, metric 0, no MTU, and
     * the scope {@code ip route} picks: universe with a gateway, link without.
     */
    public static final class Builder {
        private final IpPrefix destination;
        private InetAddress gateway;
        private int outputIndex;
        private boolean onlink;
        private int protocol = RouteProtocol.JUNCTION;
        private int table = RouteTable.MAIN;
        private Integer scope;
        private int metric;
        private int mtu;

        private Builder(IpPrefix destination) {
            this.destination = destination;
        }

        public Builder via(InetAddress gateway) {
            this.gateway = gateway;
            return this;
        }

        public Builder via(String gateway) {
            return via(IpPrefix.literal(gateway));
        }

        public Builder dev(int outputIndex) {
            this.outputIndex = outputIndex;
            return this;
        }

        public Builder onlink() {
            this.onlink = true;
            return this;
        }

        public Builder protocol(int protocol) {
            this.protocol = protocol;
            return this;
        }

        public Builder table(int table) {
            this.table = table;
            return this;
        }

        public Builder scope(int scope) {
            this.scope = scope;
            return this;
        }

        public Builder metric(int metric) {
            this.metric = metric;
            return this;
        }

        public Builder mtu(int mtu) {
            this.mtu = mtu;
            return this;
        }

        public Route build() {
            int s = scope != null ? scope : gateway != null ? RouteScope.UNIVERSE : RouteScope.LINK;
            return new Route(destination, Optional.ofNullable(gateway), outputIndex, onlink, protocol, table, s, metric, mtu);
        }
    }
}
