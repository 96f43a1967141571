package dev.junction.netlink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The kernel's connection tracking table over ctnetlink (NETLINK_NETFILTER): list the entries of a family and
 * delete entries by their original tuple. Deleting "all UDP flows to this service from that backend" is a dump
 * filtered in Java and one delete per match, which is what the {@code conntrack} tool does too, without its
 * binary and its version skew. The exchange (sequence numbers, acks, interrupted dumps) is the one of
 * {@link RtNetlink}, over a socket of the other netlink family.
 */
public final class Conntrack implements AutoCloseable {
    private static final int ENOENT = 2;
    private final RtNetlink channel;

    private Conntrack(RtNetlink channel) {
        this.channel = channel;
    }

    public static Conntrack open() throws NetlinkException {
        return new Conntrack(new RtNetlink(NetlinkSocket.open(Libc.NETLINK_NETFILTER)));
    }

    public static Conntrack openIn(Path netnsFile) throws NetlinkException {
        return new Conntrack(new RtNetlink(NetlinkSocket.openIn(netnsFile, Libc.NETLINK_NETFILTER)));
    }

    /** Every entry of {@code family}. */
    public List<ConntrackEntry> list(IpFamily family) throws NetlinkException {
        List<ConntrackEntry> out = new ArrayList<>();
        for (NetlinkMessage m : channel.dump("list conntrack " + family, ConntrackCodec.dump(family))) {
            ConntrackCodec.decode(m).ifPresent(out::add);
        }
        return out;
    }

    /** Deletes one entry; false if it is gone already (it may have expired since the dump). */
    public boolean delete(ConntrackEntry e) throws NetlinkException {
        try {
            channel.request("delete conntrack " + e, ConntrackCodec.delete(e));
            return true;
        } catch (NetlinkException ex) {
            if (ex.errno() == ENOENT) return false;
            throw ex;
        }
    }

    /** Deletes every entry of {@code family} that {@code filter} accepts; returns how many went. */
    public int deleteMatching(IpFamily family, Predicate<ConntrackEntry> filter) throws NetlinkException {
        int n = 0;
        for (ConntrackEntry e : list(family)) if (filter.test(e) && delete(e)) n++;
        return n;
    }

    @Override
    public void close() {
        channel.close();
    }
}
