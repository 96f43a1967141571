package dev.junction.agent.router;

import dev.junction.bgp.wire.Prefix;
import dev.junction.netlink.Address;
import dev.junction.netlink.FdbEntry;
import dev.junction.netlink.IpPrefix;
import dev.junction.netlink.Link;
import dev.junction.netlink.MacAddress;
import dev.junction.netlink.NetlinkException;
import dev.junction.netlink.Route;
import dev.junction.netlink.RouteProtocol;
import dev.junction.netlink.RtNetlink;
import dev.junction.netlink.VxlanSpec;
import dev.junction.router.plan.DirectRoute;
import dev.junction.router.plan.KernelRoutePlan;
import dev.junction.router.plan.TunnelRoute;
import dev.junction.router.plan.LocalSubnet;
import dev.junction.router.plan.OverlayMac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The router's kernel state over rtnetlink. Routes carry {@link RouteProtocol#JUNCTION}, so that the reconcile
 * finds exactly its own. The overlay is one VXLAN device ({@value #VXLAN}) with learning off: for each remote node a
 * forwarding entry (its MAC to its address), a permanent neighbour (its address to its MAC, on the VXLAN device)
 * and the pod route {@code dst via <node address> dev junction-vxlan onlink}. Every node's VXLAN MAC is derived
 * from its address ({@link OverlayMac}), so nodes never have to tell each other their MACs.
 */
public final class NetlinkRouting implements KernelRouting {
    private static final Logger LOG = LoggerFactory.getLogger(NetlinkRouting.class);
    static final String VXLAN = "junction-vxlan";
    /** VXLAN over IPv4: outer IP 20 + UDP 8 + VXLAN 8 + inner Ethernet 14. */
    static final int VXLAN_OVERHEAD = 50;

    private final RtNetlink rt;
    private final int vni;
    private final int port;
    private final Set<String> skippedTunnels = new HashSet<>();

    public NetlinkRouting(RtNetlink rt, int vni, int port) {
        this.rt = rt;
        this.vni = vni;
        this.port = port;
    }

    @Override
    public List<LocalSubnet> localSubnets() throws IOException {
        Map<Integer, String> names = new HashMap<>();
        for (Link l : rt.links()) names.put(l.index(), l.name());
        List<LocalSubnet> out = new ArrayList<>();
        for (Address a : rt.addresses()) {
            String dev = names.getOrDefault(a.index(), "");
            if (dev.equals("lo") || dev.equals(VXLAN) || a.prefix().address().isLinkLocalAddress()) continue;
            out.add(new LocalSubnet(a.prefix().address(), a.prefixLength(), dev));
        }
        return out;
    }

    @Override
    public boolean hasOwnRoutes() throws IOException {
        return !rt.routes(RouteProtocol.JUNCTION).isEmpty();
    }

    @Override
    public void apply(KernelRoutePlan.Desired desired, boolean mayDelete, InetAddress tunnelSource) throws IOException {
        Map<IpPrefix, Route> wanted = new HashMap<>();
        for (DirectRoute d : desired.direct()) {
            wanted.put(prefix(d.dst()), Route.to(prefix(d.dst())).via(d.via()).build());
        }
        if (!desired.tunnel().isEmpty()) {
            if (tunnelSource == null) {
                LOG.warn("{} routes need the overlay, but this node has no address to tunnel from", desired.tunnel().size());
            } else {
                Link vx = vxlan(tunnelSource);
                // The overlay runs over the tunnel source's family; a route whose remote is of the other family (an IPv6
                // next hop over an IPv4 underlay) cannot use it and is left out, said once per destination.
                List<TunnelRoute> usable = new ArrayList<>();
                for (TunnelRoute t : desired.tunnel()) {
                    if (t.remote().getClass() == tunnelSource.getClass()) usable.add(t);
                    else if (skippedTunnels.add(t.dst().toString())) {
                        LOG.warn("route {} via {}: the overlay runs over {} only; not installed", t.dst(), t.remote().getHostAddress(),
                                tunnelSource.getHostAddress());
                    }
                }
                Set<InetAddress> remotes = new HashSet<>();
                for (TunnelRoute t : usable) remotes.add(t.remote());
                programTunnelEnds(vx, remotes, mayDelete);
                for (TunnelRoute t : usable) {
                    wanted.put(prefix(t.dst()), Route.to(prefix(t.dst())).via(t.remote()).dev(vx.index()).onlink().build());
                }
            }
        } else if (mayDelete) {
            Optional<Link> vx = rt.link(VXLAN);
            if (vx.isPresent()) programTunnelEnds(vx.get(), Set.of(), true);
        }
        Map<IpPrefix, Route> have = new HashMap<>();
        for (Route r : rt.routes(RouteProtocol.JUNCTION)) have.put(r.destination(), r);
        int changed = 0;
        for (Route w : wanted.values()) {
            Route h = have.get(w.destination());
            if (h != null && same(h, w)) continue;
            try {
                rt.replaceRoute(w);
                changed++;
            } catch (NetlinkException e) {
                // One unusable route (say, a next hop the kernel cannot reach yet) must not stop the others.
                LOG.warn("route {}: {}", w, e.getMessage());
            }
        }
        int removed = 0;
        if (mayDelete) {
            for (Route h : have.values()) {
                if (wanted.containsKey(h.destination())) continue;
                if (rt.deleteRoute(h)) removed++;
            }
        }
        if (changed + removed > 0) LOG.info("pod routes: {} added or replaced, {} removed, {} in place", changed, removed, wanted.size());
    }

    /** Equal for the reconcile: what the kernel reports for a route we installed (it fills in the device of a direct one). */
    private static boolean same(Route have, Route want) {
        if (!have.gateway().equals(want.gateway()) || have.onlink() != want.onlink()) return false;
        return want.outputIndex() == 0 || have.outputIndex() == want.outputIndex();
    }

    private Link vxlan(InetAddress source) throws IOException {
        MacAddress mac = mac(source);
        Optional<Link> existing = rt.link(VXLAN);
        if (existing.isPresent()) {
            Link l = existing.get();
            boolean right = l.vxlan().map(v -> v.vni() == vni && source.equals(v.local().orElse(null))).orElse(false);
            if (right && l.mac().equals(Optional.of(mac))) {
                if (!l.adminUp()) rt.setUp(l.index(), true);
                return l;
            }
            LOG.info("re-creating {}: it does not match VNI {} from {}", VXLAN, vni, source.getHostAddress());
            rt.deleteLink(l.index());
        }
        Link underlay = underlay(source);
        Link vx = rt.createVxlan(new VxlanSpec(VXLAN, vni, source, port, underlay.index(), underlay.mtu() - VXLAN_OVERHEAD));
        rt.setMac(vx.index(), mac);
        rt.setUp(vx.index(), true);
        LOG.info("created {} (VNI {}, {} on {}, MAC {})", VXLAN, vni, source.getHostAddress(), underlay.name(), mac);
        return rt.link(VXLAN).orElseThrow();
    }

    private Link underlay(InetAddress source) throws IOException {
        for (Address a : rt.addresses()) {
            if (a.prefix().address().equals(source)) {
                for (Link l : rt.links()) if (l.index() == a.index()) return l;
            }
        }
        throw new IOException("no interface has " + source.getHostAddress() + ", the overlay's source address");
    }

    /** Forwarding entries and neighbours for exactly {@code remotes} (others removed only with {@code mayDelete}). */
    private void programTunnelEnds(Link vx, Set<InetAddress> remotes, boolean mayDelete) throws IOException {
        Set<InetAddress> fdbHave = new HashSet<>();
        for (FdbEntry e : rt.fdb(vx.index())) {
            if (e.destination().isEmpty()) continue;
            InetAddress d = e.destination().get();
            if (remotes.contains(d) && e.mac().equals(mac(d))) fdbHave.add(d);
            else if (mayDelete) rt.deleteFdb(vx.index(), e.mac(), d);
        }
        for (InetAddress r : remotes) {
            if (!fdbHave.contains(r)) rt.appendFdb(vx.index(), mac(r), r);
            rt.setPermanentNeighbour(vx.index(), r, mac(r));
        }
        if (mayDelete) {
            for (var n : rt.neighbours()) {
                if (n.index() == vx.index() && !remotes.contains(n.address())) rt.deleteNeighbour(vx.index(), n.address());
            }
        }
    }

    private static MacAddress mac(InetAddress node) {
        return MacAddress.of(OverlayMac.of(node).bytes());
    }

    private static IpPrefix prefix(Prefix p) {
        try {
            return new IpPrefix(InetAddress.getByAddress(p.address()), p.length());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        rt.close();
    }
}
