package dev.junction.kube;

import static dev.junction.kube.Fields.blank;
import static dev.junction.kube.Fields.checkRange;
import static dev.junction.kube.Fields.list;
import static dev.junction.kube.Fields.quote;

import dev.junction.model.Endpoint;
import dev.junction.model.EndpointPort;
import dev.junction.model.EndpointSlice;
import dev.junction.model.Ip;
import dev.junction.model.IpFamily;
import dev.junction.model.Protocol;
import dev.junction.model.ServiceKey;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointHints;
import io.fabric8.kubernetes.api.model.discovery.v1.ForNode;
import io.fabric8.kubernetes.api.model.discovery.v1.ForZone;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a fabric8 {@code discovery.k8s.io/v1} EndpointSlice into the model's {@link EndpointSlice}.
 *
 * <p><b>Ignored</b>: slices without the {@value #SERVICE_NAME_LABEL} label (not managed for a Service), FQDN
 * slices, and slices of a disabled address family.
 *
 * <p><b>Rejected</b>: a missing or unknown addressType, an invalid port or protocol, duplicate port names.
 *
 * <p><b>Dropped with a warning</b>, keeping the rest of the slice: an endpoint whose address does not parse or is
 * of the other family, or that has no address. A slice is written by a controller for many pods; one bad
 * entry must not take the healthy ones down with it.
 *
 * <p>A port with no number means "all ports" in the API (for selector-less services proxied elsewhere); the
 * proxy cannot program it, so that port is left out silently. Only {@code addresses[0]} of an endpoint is used,
 * as kube-proxy does: the API documents that consumers may assume all addresses are fungible.
 */
public final class EndpointSliceConverter {
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    public static final String TRIGGER_TIME_ANNOTATION = "endpoints.kubernetes.io/last-change-trigger-time";

    /**
     * A converted slice.
     *
     * @param triggerMillis the slice's {@value #TRIGGER_TIME_ANNOTATION} in epoch milliseconds, or 0 if it has
     *     none (the store then uses the time of arrival); feeds the network-programming-latency metric
     */
    public record Converted(EndpointSlice slice, long triggerMillis) {
        public Converted {
            Objects.requireNonNull(slice);
        }

        public String namespace() {
            return slice.service().namespace();
        }
    }

    private final Set<IpFamily> families;

    public EndpointSliceConverter(Set<IpFamily> enabledFamilies) {
        this.families = enabledFamilies.isEmpty() ? EnumSet.noneOf(IpFamily.class) : EnumSet.copyOf(enabledFamilies);
    }

    /** Never throws for a non-null object, whatever its fields hold. */
    public Conversion<Converted> convert(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice s) {
        try {
            return doConvert(s);
        } catch (InvalidObject e) {
            return Conversion.rejected(e.getMessage());
        }
    }

    private Conversion<Converted> doConvert(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice s) {
        ObjectMeta meta = s.getMetadata();
        Fields.requireNamespacedName(meta);
        String service = Fields.label(meta, SERVICE_NAME_LABEL);
        if (blank(service)) {
            return Conversion.ignored("label " + SERVICE_NAME_LABEL + " is missing: the slice belongs to no service");
        }
        String addressType = s.getAddressType();
        IpFamily family;
        if ("IPv4".equals(addressType)) {
            family = IpFamily.V4;
        } else if ("IPv6".equals(addressType)) {
            family = IpFamily.V6;
        } else if ("FQDN".equals(addressType)) {
            return Conversion.ignored("addressType FQDN is not proxied");
        } else {
            throw new InvalidObject("addressType: " + quote(addressType) + " is not IPv4, IPv6 or FQDN");
        }
        if (!families.contains(family)) {
            return Conversion.ignored("address family " + addressType + " is not enabled");
        }
        List<EndpointPort> ports = ports(list(s.getPorts()));
        List<String> warnings = new ArrayList<>();
        List<Endpoint> endpoints = endpoints(list(s.getEndpoints()), family, warnings);
        long trigger = triggerMillis(Fields.annotation(meta, TRIGGER_TIME_ANNOTATION), warnings);
        EndpointSlice slice = new EndpointSlice(new ServiceKey(meta.getNamespace(), service), meta.getName(), family,
                ports, endpoints);
        return Conversion.accepted(new Converted(slice, trigger), warnings);
    }

    private static List<EndpointPort> ports(List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort> raw) {
        List<EndpointPort> out = new ArrayList<>();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String field = "ports[" + i + "]";
            var p = raw.get(i);
            if (p == null) {
                throw new InvalidObject(field + ": is null");
            }
            String name = p.getName() == null ? "" : p.getName();
            Integer earlier = byName.putIfAbsent(name, i);
            if (earlier != null) {
                throw new InvalidObject(field + ".name: " + quote(name) + " is also the name of ports[" + earlier + "]");
            }
            Protocol protocol = Protocol.parse(p.getProtocol()).orElseThrow(() -> new InvalidObject(
                    field + ".protocol: " + quote(p.getProtocol()) + " is not TCP, UDP or SCTP"));
            if (p.getPort() == null) {
                continue; // "all ports": nothing a port-based proxy can program
            }
            checkRange(field + ".port", p.getPort(), 1, 65535);
            out.add(new EndpointPort(name, protocol, p.getPort()));
        }
        return out;
    }

    private static List<Endpoint> endpoints(List<io.fabric8.kubernetes.api.model.discovery.v1.Endpoint> raw,
            IpFamily family, List<String> warnings) {
        List<Endpoint> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String field = "endpoints[" + i + "]";
            var e = raw.get(i);
            List<String> addresses = e == null ? List.of() : list(e.getAddresses());
            if (addresses.isEmpty()) {
                warnings.add(field + ".addresses: empty; endpoint dropped");
                continue;
            }
            Ip ip = Ip.parse(addresses.getFirst()).orElse(null);
            if (ip == null || ip.family() != family) {
                warnings.add(field + ".addresses[0]: " + quote(addresses.getFirst()) + " is not an "
                        + family.kubeName() + " address; endpoint dropped");
                continue;
            }
            EndpointConditions c = e.getConditions();
            boolean ready = c == null || c.getReady() == null || c.getReady();
            boolean serving = c == null || c.getServing() == null ? ready : c.getServing();
            boolean terminating = c != null && c.getTerminating() != null && c.getTerminating();
            out.add(new Endpoint(ip, ready, serving, terminating, e.getNodeName(), e.getZone(),
                    zoneHints(e.getHints()), nodeHints(e.getHints())));
        }
        return out;
    }

    private static Set<String> zoneHints(EndpointHints hints) {
        Set<String> out = new LinkedHashSet<>();
        for (ForZone z : list(hints == null ? null : hints.getForZones())) {
            if (z != null && !blank(z.getName())) {
                out.add(z.getName());
            }
        }
        return out;
    }

    private static Set<String> nodeHints(EndpointHints hints) {
        Set<String> out = new LinkedHashSet<>();
        for (ForNode n : list(hints == null ? null : hints.getForNodes())) {
            if (n != null && !blank(n.getName())) {
                out.add(n.getName());
            }
        }
        return out;
    }

    /** RFC 3339 as the EndpointSlice controller writes it (time.RFC3339Nano); a bad value is only a warning. */
    static long triggerMillis(String text, List<String> warnings) {
        if (blank(text)) {
            return 0;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            warnings.add("metadata.annotations[" + TRIGGER_TIME_ANNOTATION + "]: " + quote(text)
                    + " is not an RFC 3339 time; ignored");
            return 0;
        }
    }
}
