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
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears the conntrack entries of UDP flows whose endpoint went away. The kernel keeps a UDP flow's NAT
 * binding as long as packets keep coming, so without this a client (DNS, QUIC) keeps talking to a deleted pod
 * (kubernetes#19029, #125467). As kube-proxy's reconciler: only UDP, only flows whose original destination is
 * one of the service's frontends, and only those whose reply comes from an endpoint that no longer serves.
 *
 * <p>Entries are deleted with {@code conntrack -D} (Debian's conntrack package, installed by the test command);
 * a netlink implementation is a later step. Runs on the sync thread after a successful sync.
 */
public final class UdpConntrackCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(UdpConntrackCleaner.class);

    /** A UDP flow a client may hold: frontend address (null: any address, a node port), port, and endpoint. */
    record Flow(String frontend, int port, String endpoint) {}

    private final Map<ServiceKey, Set<Flow>> flows = new HashMap<>();
    private final ProxyMetrics metrics;
    private final String conntrack;

    public UdpConntrackCleaner(ProxyMetrics metrics, String conntrackBinary) {
        this.metrics = metrics;
        this.conntrack = conntrackBinary;
    }

    /** Records the new state of the services and deletes the entries of flows that lost their endpoint. */
    public void afterSync(Iterable<ServiceState> changed) {
        for (ServiceState s : changed) {
            Set<Flow> now = flowsOf(s);
            Set<Flow> before = now.isEmpty() ? flows.remove(s.key()) : flows.put(s.key(), now);
            if (before == null) {
                continue;
            }
            for (Flow f : before) {
                if (!now.contains(f)) {
                    delete(f);
                }
            }
        }
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

    private void delete(Flow f) {
        List<String> cmd = new ArrayList<>(List.of(conntrack, "-D", "-p", "udp"));
        if (f.frontend() != null) {
            cmd.addAll(List.of("--orig-dst", f.frontend()));
        }
        cmd.addAll(List.of("--orig-port-dst", Integer.toString(f.port()), "--reply-src", f.endpoint()));
        if (f.endpoint().indexOf(':') >= 0) {
            cmd.addAll(1, List.of("-f", "ipv6"));
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            // "N flow entries have been deleted."; exit 1 with 0 entries is normal.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) flow entries").matcher(out);
            int n = m.find() ? Integer.parseInt(m.group(1)) : 0;
            if (n > 0) {
                metrics.conntrackDeleted.labelValues(f.endpoint().indexOf(':') >= 0 ? "IPv6" : "IPv4").inc(n);
                LOG.debug("cleared {} stale UDP conntrack entries to {}:{} via {}", n, f.frontend(), f.port(), f.endpoint());
            }
        } catch (IOException e) {
            LOG.warn("cannot clear UDP conntrack entries ({}): {}", String.join(" ", cmd), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
