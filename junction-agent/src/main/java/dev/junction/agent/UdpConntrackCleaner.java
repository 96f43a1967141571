package dev.junction.agent;

import dev.junction.model.Endpoint;
import dev.junction.model.EndpointPort;
import dev.junction.model.EndpointSlice;
import dev.junction.model.Ip;
import dev.junction.model.Protocol;
import dev.junction.model.Service;
import dev.junction.model.ServiceKey;
import dev.junction.model.ServicePort;
import dev.junction.model.ServiceState;
import dev.junction.netlink.Conntrack;
import dev.junction.netlink.ConntrackEntry;
import dev.junction.netlink.IpFamily;
import dev.junction.netlink.NetlinkException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears the conntrack entries of UDP flows whose endpoint went away. The kernel keeps a UDP flow's NAT
 * binding as long as packets keep coming, so without this a client (DNS, QUIC) keeps talking to a deleted pod
 * (kubernetes#19029, #125467). As kube-proxy's reconciler: only UDP, only flows whose original destination is
 * one of the service's frontends, and only those whose reply comes from an endpoint that no longer serves.
 *
 * <p>Entries are found and deleted over ctnetlink ({@link Conntrack}): one dump per family for all the flows a
 * sync ended, then one delete per matching entry, as the {@code conntrack} tool would, without its binary. Runs on
 * the sync thread after a successful sync; a failure is logged and never fails the sync.
 */
public final class UdpConntrackCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(UdpConntrackCleaner.class);

    /** A UDP flow a client may hold: frontend address (null: any address, a node port), port, and endpoint. */
    record Flow(String frontend, int port, String endpoint) {}

    private final Map<ServiceKey, Set<Flow>> flows = new HashMap<>();
    private final ProxyMetrics metrics;
    private Conntrack conntrack;

    public UdpConntrackCleaner(ProxyMetrics metrics) {
        this.metrics = metrics;
    }

    /** Records the new state of the services and deletes the entries of flows that lost their endpoint. */
    public void afterSync(Iterable<ServiceState> changed) {
        List<Flow> ended = new ArrayList<>();
        for (ServiceState s : changed) {
            Set<Flow> now = flowsOf(s);
            Set<Flow> before = now.isEmpty() ? flows.remove(s.key()) : flows.put(s.key(), now);
            if (before == null) {
                continue;
            }
            for (Flow f : before) {
                if (!now.contains(f)) {
                    ended.add(f);
                }
            }
        }
        if (!ended.isEmpty()) {
            delete(ended);
        }
    }

    /** Whether the entry belongs to the flow: UDP, to its frontend and port, answered by its endpoint. */
    static boolean matches(Flow f, ConntrackEntry e) {
        return e.protocol() == 17 && e.original().destinationPort() == f.port()
                && (f.frontend() == null || e.original().destination().equals(InetAddress.ofLiteral(f.frontend())))
                && e.reply().source().equals(InetAddress.ofLiteral(f.endpoint()));
    }

    static Set<Flow> flowsOf(ServiceState s) {
        Service svc = s.service();
        Set<Flow> out = new HashSet<>();
        if (svc == null) {
            return out;
        }
        for (ServicePort p : svc.ports()) {
            if (p.protocol() != Protocol.UDP) {
                continue;
            }
            List<String> serving = new ArrayList<>();
            for (EndpointSlice slice : s.slices()) {
                for (EndpointPort ep : slice.ports()) {
                    if (ep.protocol() == Protocol.UDP && ep.name().equals(p.name())) {
                        for (Endpoint e : slice.endpoints()) {
                            if (e.serving()) {
                                serving.add(e.ip().toString());
                            }
                        }
                    }
                }
            }
            List<Ip> frontends = new ArrayList<>(svc.clusterIps());
            frontends.addAll(svc.externalIps());
            frontends.addAll(svc.loadBalancerIps());
            for (String ep : serving) {
                for (Ip f : frontends) {
                    out.add(new Flow(f.toString(), p.port(), ep));
                }
                if (p.nodePort() != 0) {
                    out.add(new Flow(null, p.nodePort(), ep));
                }
            }
        }
        return out;
    }

    private void delete(List<Flow> ended) {
        for (IpFamily family : IpFamily.values()) {
            List<Flow> ofFamily = ended.stream().filter(f -> (f.endpoint().indexOf(':') >= 0) == (family == IpFamily.V6)).toList();
            if (ofFamily.isEmpty()) {
                continue;
            }
            try {
                if (conntrack == null) {
                    conntrack = Conntrack.open();
                }
                int n = conntrack.deleteMatching(family, e -> ofFamily.stream().anyMatch(f -> matches(f, e)));
                if (n > 0) {
                    metrics.conntrackDeleted.labelValues(family == IpFamily.V6 ? "IPv6" : "IPv4").inc(n);
                    LOG.debug("cleared {} stale UDP conntrack entries of {} ended flows", n, ofFamily.size());
                }
            } catch (NetlinkException | RuntimeException e) {
                LOG.warn("cannot clear UDP conntrack entries of {} ended flows: {}", ofFamily.size(), e.getMessage());
            }
        }
    }
}
