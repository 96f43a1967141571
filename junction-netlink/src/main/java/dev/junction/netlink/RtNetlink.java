package dev.junction.netlink;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * rtnetlink over one NETLINK_ROUTE socket: links, addresses, routes, neighbours, bridge FDB entries and
 * rules, in the network namespace the socket was created in.
 *
 * <p>Every change is sent with NLM_F_ACK and waits for the kernel's answer, so a method that returns has been
 * applied, and one that fails throws a {@link NetlinkException} with the errno and the kernel's extended-ack
 * text. Lists are dumps (NLM_F_DUMP); a dump the kernel marks NLM_F_DUMP_INTR (the table changed while it was
 * being walked, so the result may be inconsistent) is asked again, up to {@value #DUMP_ATTEMPTS} times.
 *
 * <p>Deletes return false when the object was already gone, so a reconciler can delete without a prior check.
 *
 * <p>Threads: every method is synchronized, one request in flight at a time, so sharing an instance is safe,
 * but it is meant for one controller thread; calls block in the kernel (use platform threads, since a blocking
 * downcall pins a virtual thread to its carrier).
 */
public final class RtNetlink implements AutoCloseable {
    static final int DUMP_ATTEMPTS = 5;
    private static final int EINTR = 4;
    private static final int EADDRNOTAVAIL = 99;

    private final Transport transport;
    private int seq;

    RtNetlink(Transport transport) {
        this.transport = transport;
    }

    /** A socket in the current thread's network namespace. */
    public static RtNetlink open() throws NetlinkException {
        return new RtNetlink(NetlinkSocket.open());
    }

    /**
     * A socket in another network namespace, such as {@code /var/run/netns/NAME}; it stays there for its whole
     * life. No thread of the caller changes namespace (a short-lived platform thread creates the socket).
     */
    public static RtNetlink openIn(Path netnsFile) throws NetlinkException {
        return new RtNetlink(NetlinkSocket.openIn(netnsFile));
    }

    // ---- links

    /** All links, as {@code ip -d link show}. */
    public List<Link> links() throws NetlinkException {
        return decodeAll(dump("list links", LinkCodec.dump()), LinkCodec::decode);
    }

    /** The link of that name, or empty when there is none. */
    public Optional<Link> link(String name) throws NetlinkException {
        try {
            return request("get link " + name, LinkCodec.getByName(name)).stream().map(LinkCodec::decode).findFirst();
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) return Optional.empty();
            throw e;
        }
    }

    /** Creates a bridge (down, as every new link) and returns it. */
    public Link createBridge(String name) throws NetlinkException {
        request("create bridge " + name, LinkCodec.createBridge(name));
        return created(name);
    }

    /** Creates a veth pair in this namespace and returns the {@code name} side. */
    public Link createVeth(String name, String peerName) throws NetlinkException {
        request("create veth " + name + " peer " + peerName, LinkCodec.createVeth(name, peerName, -1));
        return created(name);
    }

    /**
     * Creates a veth pair whose {@code peerName} end is moved into the namespace of {@code peerNetnsFile} (as
     * {@code ip link add NAME type veth peer name PEER netns NS}); returns the end left here.
     */
    public Link createVeth(String name, String peerName, Path peerNetnsFile) throws NetlinkException {
        int fd = Libc.open(peerNetnsFile.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC);
        try {
            request("create veth " + name + " peer " + peerName + " netns " + peerNetnsFile, LinkCodec.createVeth(name, peerName, fd));
        } finally {
            Libc.close(fd);
        }
        return created(name);
    }

    /** Creates a VXLAN device (learning off) and returns it. */
    public Link createVxlan(VxlanSpec spec) throws NetlinkException {
        request("create vxlan " + spec.name() + " id " + spec.vni(), LinkCodec.createVxlan(spec));
        return created(spec.name());
    }

    private Link created(String name) throws NetlinkException {
        return link(name).orElseThrow(() -> new NetlinkException("get link " + name + " after creating it", Errno.ENODEV, null));
    }

    public void setUp(int index, boolean up) throws NetlinkException {
        request("set link " + index + (up ? " up" : " down"), LinkCodec.setUp(index, up));
    }

    public void setMtu(int index, int mtu) throws NetlinkException {
        request("set link " + index + " mtu " + mtu, LinkCodec.setMtu(index, mtu));
    }

    /** Sets the link's hardware address (for a VXLAN device: the MAC the other nodes' neighbour entries name). */
    public void setMac(int index, MacAddress mac) throws NetlinkException {
        request("set link " + index + " address " + mac, LinkCodec.setMac(index, mac));
    }

    /** Enslaves the link to a bridge (or other master); {@code masterIndex} 0 releases it ({@code nomaster}). */
    public void setMaster(int index, int masterIndex) throws NetlinkException {
        request("set link " + index + " master " + masterIndex, LinkCodec.setMaster(index, masterIndex));
    }

    /** Deletes a link (a veth takes its peer along); false when there was no such link. */
    public boolean deleteLink(int index) throws NetlinkException {
        return deleted(Errno.ENODEV, "delete link " + index, LinkCodec.delete(index));
    }

    // ---- addresses

    /** All IPv4 and IPv6 addresses. */
    public List<Address> addresses() throws NetlinkException {
        return decodeAll(dump("list addresses", AddressCodec.dump()), AddressCodec::decode);
    }

    /** The addresses of one link. */
    public List<Address> addresses(int index) throws NetlinkException {
        return addresses().stream().filter(a -> a.index() == index).toList();
    }

    /**
     * Adds an address. Idempotent: when the kernel answers EEXIST and the link already has exactly this
     * address and prefix length, that counts as success; EEXIST for anything else (an IPv6 address present
     * with another prefix length) is thrown.
     */
    public void addAddress(Address address) throws NetlinkException {
        try {
            request("add address " + address, AddressCodec.add(address));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EEXIST && addresses(address.index()).contains(address)) return;
            throw e;
        }
    }

    /** Deletes an address; false when the link had no such address. */
    public boolean deleteAddress(Address address) throws NetlinkException {
        return deleted(EADDRNOTAVAIL, "delete address " + address, AddressCodec.delete(address));
    }

    // ---- routes

    /** The unicast single-next-hop routes of a table with that protocol ({@link RouteProtocol#ANY} for all). */
    public List<Route> routes(int table, int protocol) throws NetlinkException {
        return decodeAll(dump("list routes", RouteCodec.dump()), RouteCodec::decode).stream()
                .filter(r -> r.table() == table && (protocol == RouteProtocol.ANY || r.protocol() == protocol))
                .toList();
    }

    /** The routes of the main table with that protocol. */
    public List<Route> routes(int protocol) throws NetlinkException {
        return routes(RouteTable.MAIN, protocol);
    }

    /** Adds a route; EEXIST when one with the same destination, table and metric exists. */
    public void addRoute(Route route) throws NetlinkException {
        request("add route " + route, RouteCodec.add(route));
    }

    /** Adds a route, or replaces the one with the same destination, table and metric. */
    public void replaceRoute(Route route) throws NetlinkException {
        request("replace route " + route, RouteCodec.replace(route));
    }

    /** Deletes a route; false when no route matched. */
    public boolean deleteRoute(Route route) throws NetlinkException {
        return deleted(Errno.ESRCH, "delete route " + route, RouteCodec.delete(route));
    }

    // ---- neighbours

    /** All IPv4 (ARP) and IPv6 (NDP) neighbour entries of every state. */
    public List<Neighbour> neighbours() throws NetlinkException {
        return decodeAll(dump("list neighbours", NeighbourCodec.dump(Netlink.AF_UNSPEC)), NeighbourCodec::decodeNeighbour);
    }

    /** Adds or replaces a permanent neighbour ({@code ip neigh replace IP lladdr MAC dev DEV nud permanent}). */
    public void setPermanentNeighbour(int index, InetAddress address, MacAddress mac) throws NetlinkException {
        request("replace neighbour " + address.getHostAddress() + " lladdr " + mac + " dev " + index,
                NeighbourCodec.setPermanent(index, address, mac));
    }

    /** Deletes a neighbour entry; false when there was none. */
    public boolean deleteNeighbour(int index, InetAddress address) throws NetlinkException {
        return deleted(Errno.ENOENT, "delete neighbour " + address.getHostAddress() + " dev " + index,
                NeighbourCodec.delete(index, address));
    }

    // ---- bridge FDB

    /** The FDB entries of one device (0 for every device), self and master ones alike. */
    public List<FdbEntry> fdb(int index) throws NetlinkException {
        return decodeAll(dump("list fdb", NeighbourCodec.dump(Netlink.AF_BRIDGE)), NeighbourCodec::decodeFdb).stream()
                .filter(f -> index == 0 || f.index() == index)
                .toList();
    }

    /**
     * Adds a remote for a MAC, keeping the ones it has ({@code bridge fdb append MAC dev DEV dst IP}); appending
     * a remote the MAC already has is a no-op. With {@link MacAddress#ZERO} this builds the flood list.
     */
    public void appendFdb(int index, MacAddress mac, InetAddress destination) throws NetlinkException {
        request("append fdb " + mac + " dev " + index + " dst " + destination.getHostAddress(),
                NeighbourCodec.fdb(Netlink.RTM_NEWNEIGH, Netlink.NLM_F_CREATE | Netlink.NLM_F_APPEND, index, mac, destination));
    }

    /** Adds an entry for a MAC that has none ({@code bridge fdb add}); EEXIST otherwise. */
    public void addFdb(int index, MacAddress mac, InetAddress destination) throws NetlinkException {
        request("add fdb " + mac + " dev " + index + " dst " + destination.getHostAddress(),
                NeighbourCodec.fdb(Netlink.RTM_NEWNEIGH, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, index, mac, destination));
    }

    /**
     * Deletes one remote of a MAC; false when the MAC had no entry at all. Deleting a remote that a MAC with
     * other remotes lacks returns true: the vxlan driver answers success then.
     */
    public boolean deleteFdb(int index, MacAddress mac, InetAddress destination) throws NetlinkException {
        return deleted(Errno.ENOENT, "delete fdb " + mac + " dev " + index + " dst " + destination.getHostAddress(),
                NeighbourCodec.fdb(Netlink.RTM_DELNEIGH, 0, index, mac, destination));
    }

    // ---- rules

    /** All IPv4 and IPv6 rules that look up a table (the defaults included: local, main, default). */
    public List<Rule> rules() throws NetlinkException {
        return decodeAll(dump("list rules", RuleCodec.dump()), RuleCodec::decode);
    }

    /** Adds a rule; EEXIST when an identical one exists. */
    public void addRule(Rule rule) throws NetlinkException {
        request("add rule " + rule, RuleCodec.change(Netlink.RTM_NEWRULE, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, rule));
    }

    /** Deletes a rule; false when none matched. */
    public boolean deleteRule(Rule rule) throws NetlinkException {
        return deleted(Errno.ENOENT, "delete rule " + rule, RuleCodec.change(Netlink.RTM_DELRULE, 0, rule));
    }

    // ---- exchange

    private boolean deleted(int absentErrno, String description, MessageWriter request) throws NetlinkException {
        try {
            request(description, request);
            return true;
        } catch (NetlinkException e) {
            if (e.errno() == absentErrno) return false;
            throw e;
        }
    }

    private static <T> List<T> decodeAll(List<NetlinkMessage> messages, Function<NetlinkMessage, T> decoder) {
        List<T> out = new ArrayList<>(messages.size());
        for (NetlinkMessage m : messages) {
            T t = decoder.apply(m);
            if (t != null) out.add(t);
        }
        return out;
    }

    /** Sends a request with NLM_F_ACK and returns the messages before the ack (the answer of a get). */
    synchronized List<NetlinkMessage> request(String description, MessageWriter request) throws NetlinkException {
        return exchange(description, request).messages();
    }

    /** Sends a dump request and returns its messages, asking again while the kernel reports NLM_F_DUMP_INTR. */
    synchronized List<NetlinkMessage> dump(String description, MessageWriter request) throws NetlinkException {
        for (int attempt = 1; ; attempt++) {
            Reply reply = exchange(description, request);
            if (!reply.interrupted()) return reply.messages();
            if (attempt == DUMP_ATTEMPTS) {
                throw new NetlinkException(description + " (interrupted by concurrent changes " + attempt + " times)", EINTR, null);
            }
        }
    }

    private Reply exchange(String description, MessageWriter request) throws NetlinkException {
        Objects.requireNonNull(description);
        int s = ++seq;
        try {
            transport.send(request.finish(s));
            Reply reply = new Reply(description, s);
            while (true) {
                for (NetlinkMessage m : NetlinkMessage.split(transport.receive())) {
                    if (reply.accept(m)) return reply;
                }
            }
        } catch (NetlinkException e) {
            if (e.request().equals(description)) throw e;
            // A socket call failed: say which request it was for. EAGAIN from recv is the receive timeout.
            String call = e.errno() == Libc.EAGAIN ? e.request() + ": no reply within " + NetlinkSocket.RECEIVE_TIMEOUT_SECONDS + " s"
                    : e.request();
            throw new NetlinkException(description + " (" + call + ")", e.errno(), null);
        }
    }

    @Override
    public synchronized void close() {
        transport.close();
    }
}
