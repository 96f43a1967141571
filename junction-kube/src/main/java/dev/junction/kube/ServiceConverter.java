package dev.junction.kube;

import static dev.junction.kube.Fields.blank;
import static dev.junction.kube.Fields.checkRange;
import static dev.junction.kube.Fields.list;
import static dev.junction.kube.Fields.quote;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.IpFamily;
import dev.junction.model.Service;
import dev.junction.model.Service.Topology;
import dev.junction.model.ServiceKey;
import dev.junction.model.ServicePort;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a fabric8 Service into the model's {@link Service}, once, at the edge: every address parsed, every
 * default applied, every field the API server validates checked again (a manifest folder has no API server in
 * front of it, and a bug there must not reach the data plane).
 *
 * <p><b>Ignored</b> (not for this proxy, not an error): {@code type: ExternalName}; headless services (cluster
 * IP {@code None} or empty, or the {@code service.kubernetes.io/headless} label); services whose
 * {@code service.kubernetes.io/service-proxy-name} label names another proxy than {@link Options#proxyName()};
 * services with no cluster IP of an enabled family.
 *
 * <p><b>Rejected</b>: the first invalid field, named in the reason.
 *
 * <p><b>Bad externalIPs drop only themselves.</b> Like kube-router, an externalIP that does not parse, lies
 * inside a service cluster IP range, or lies outside every {@code --service-external-ip-range} (all of them,
 * when no range is configured) is removed and reported as a warning of the {@link Conversion.Accepted} result;
 * the service keeps its cluster IPs and other external IPs. Rejecting the whole service instead would let
 * anybody who can create a Service with a bad externalIP black-hole its cluster IP too, and an externalIP is
 * the field most often refused by policy rather than by mistake.
 *
 * <p>Addresses of a disabled family (cluster, external and load-balancer IPs) are dropped without a warning:
 * that is configuration, not a fault. {@code loadBalancerSourceRanges} are kept whatever their family, because
 * an empty list means "every source": dropping the only (IPv6) range would open an IPv4 load balancer to all.
 */
public final class ServiceConverter {
    public static final String PROXY_NAME_LABEL = "service.kubernetes.io/service-proxy-name";
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";
    public static final String TOPOLOGY_MODE_ANNOTATION = "service.kubernetes.io/topology-mode";
    /** The annotation that preceded topology-mode (Kubernetes 1.21-1.26); still honoured by kube-proxy. */
    public static final String TOPOLOGY_HINTS_ANNOTATION = "service.kubernetes.io/topology-aware-hints";
    public static final int DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10800;
    public static final int MAX_AFFINITY_TIMEOUT_SECONDS = 86400;

    /**
     * What the agent was told on its command line.
     *
     * @param externalIpRanges {@code --service-external-ip-range}: externalIPs must lie inside one of these; when
     *     empty, every externalIP is dropped (kube-router's strict validation)
     * @param serviceClusterIpRanges {@code --service-cluster-ip-range}: an externalIP inside one is always dropped
     * @param ipv4 {@code --enable-ipv4}
     * @param ipv6 {@code --enable-ipv6}
     * @param proxyName the value of {@value #PROXY_NAME_LABEL} that selects this proxy
     */
    public record Options(
            List<Cidr> externalIpRanges, List<Cidr> serviceClusterIpRanges, boolean ipv4, boolean ipv6, String proxyName) {
        public static final String DEFAULT_PROXY_NAME = "junction";

        public Options {
            externalIpRanges = List.copyOf(externalIpRanges);
            serviceClusterIpRanges = List.copyOf(serviceClusterIpRanges);
            Objects.requireNonNull(proxyName);
        }

        public Options(List<Cidr> externalIpRanges, List<Cidr> serviceClusterIpRanges, boolean ipv4, boolean ipv6) {
            this(externalIpRanges, serviceClusterIpRanges, ipv4, ipv6, DEFAULT_PROXY_NAME);
        }

        /** kube-router's defaults: IPv4 only, cluster range 10.96.0.0/12, no external IP ranges. */
        public static Options defaults() {
            return new Options(List.of(), List.of(Cidr.of("10.96.0.0/12")), true, false);
        }

        public Set<IpFamily> families() {
            Set<IpFamily> s = EnumSet.noneOf(IpFamily.class);
            if (ipv4) {
                s.add(IpFamily.V4);
            }
            if (ipv6) {
                s.add(IpFamily.V6);
            }
            return s;
        }

        boolean enabled(Ip ip) {
            return ip.family() == IpFamily.V4 ? ipv4 : ipv6;
        }
    }

    private final Options options;

    public ServiceConverter(Options options) {
        this.options = Objects.requireNonNull(options);
    }

    public Options options() {
        return options;
    }

    /** Never throws for a non-null object, whatever its fields hold (null spec, null list entries included). */
    public Conversion<Service> convert(io.fabric8.kubernetes.api.model.Service svc) {
        try {
            return doConvert(svc);
        } catch (InvalidObject e) {
            return Conversion.rejected(e.getMessage());
        }
    }

    private Conversion<Service> doConvert(io.fabric8.kubernetes.api.model.Service svc) {
        ObjectMeta meta = svc.getMetadata();
        Fields.requireNamespacedName(meta);
        ServiceSpec spec = svc.getSpec();
        if (spec == null) {
            throw new InvalidObject("spec is missing");
        }
        String proxyName = Fields.label(meta, PROXY_NAME_LABEL);
        if (proxyName != null && !proxyName.equals(options.proxyName())) {
            return Conversion.ignored("label " + PROXY_NAME_LABEL + " is " + quote(proxyName) + ", not "
                    + quote(options.proxyName()));
        }
        if (Fields.label(meta, HEADLESS_LABEL) != null) {
            return Conversion.ignored("headless: label " + HEADLESS_LABEL + " is set");
        }
        String type = spec.getType() == null ? "ClusterIP" : spec.getType();
        switch (type) {
            case "ExternalName" -> {
                return Conversion.ignored("type ExternalName is resolved by DNS, not proxied");
            }
            case "ClusterIP", "NodePort", "LoadBalancer" -> { }
            default -> throw new InvalidObject("spec.type: " + quote(type)
                    + " is not ClusterIP, NodePort, LoadBalancer or ExternalName");
        }
        List<String> rawClusterIps = rawClusterIps(spec);
        if (rawClusterIps.isEmpty() || "None".equals(rawClusterIps.getFirst())) {
            return Conversion.ignored("headless: spec.clusterIP is " + (rawClusterIps.isEmpty() ? "empty" : "None"));
        }
        List<Ip> clusterIps = clusterIps(spec, rawClusterIps).stream().filter(options::enabled).toList();
        if (clusterIps.isEmpty()) {
            return Conversion.ignored("no cluster IP of an enabled family " + options.families());
        }
        boolean nodePortsAllowed = !type.equals("ClusterIP");
        List<ServicePort> ports = ServicePorts.parse(list(spec.getPorts()), nodePortsAllowed);
        int affinityTimeout = affinityTimeout(spec);
        List<String> warnings = new ArrayList<>();
        ServiceAddresses addresses = ServiceAddresses.parse(svc, type.equals("LoadBalancer"), options, warnings);
        boolean externalLocal = policyIsLocal("spec.externalTrafficPolicy", spec.getExternalTrafficPolicy());
        boolean internalLocal = policyIsLocal("spec.internalTrafficPolicy", spec.getInternalTrafficPolicy());
        int healthCheckNodePort = Fields.intOr(spec.getHealthCheckNodePort(), 0);
        checkRange("spec.healthCheckNodePort", healthCheckNodePort, 0, 65535);
        if (healthCheckNodePort != 0 && !(type.equals("LoadBalancer") && externalLocal)) {
            throw new InvalidObject("spec.healthCheckNodePort: " + healthCheckNodePort
                    + " may only be set when type is LoadBalancer and externalTrafficPolicy is Local");
        }
        ServiceKey key = new ServiceKey(meta.getNamespace(), meta.getName());
        Topology topology = topology(spec, meta);
        Service.Advertise advertise = advertise(meta.getAnnotations(), warnings);
        Service cluster = new Service(key, ports, clusterIps, addresses.externalIps(), addresses.loadBalancerIps(),
                addresses.sourceRanges(), affinityTimeout, false, internalLocal, healthCheckNodePort, topology, advertise);
        // externalTrafficPolicy only means something for traffic that can arrive from outside (kube-proxy
        // serviceport.go); recording it otherwise would make two equivalent services compare unequal.
        if (!externalLocal || !cluster.externallyAccessible()) {
            return Conversion.accepted(cluster, warnings);
        }
        return Conversion.accepted(new Service(key, ports, clusterIps, addresses.externalIps(),
                addresses.loadBalancerIps(), addresses.sourceRanges(), affinityTimeout, true, internalLocal,
                healthCheckNodePort, topology, advertise), warnings);
    }

    /** kube-router's per-service advertisement annotations; a value other than true/false is ignored with a warning. */
    private static Service.Advertise advertise(Map<String, String> annotations, List<String> warnings) {
        if (annotations == null) return Service.Advertise.FLAGS;
        return new Service.Advertise(flag(annotations, "kube-router.io/service.advertise.clusterip", warnings),
                flag(annotations, "kube-router.io/service.advertise.externalip", warnings),
                flag(annotations, "kube-router.io/service.advertise.loadbalancerip", warnings));
    }

    private static java.util.Optional<Boolean> flag(Map<String, String> annotations, String key, List<String> warnings) {
        String v = annotations.get(key);
        if (v == null) return java.util.Optional.empty();
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> java.util.Optional.of(true);
            case "false" -> java.util.Optional.of(false);
            default -> {
                warnings.add("annotation " + key + ": expected true or false, got \"" + v + "\"; the router's flag decides");
                yield java.util.Optional.empty();
            }
        };
    }

    /** spec.clusterIPs, or spec.clusterIP for objects written before dual-stack (and hand-written manifests). */
    private static List<String> rawClusterIps(ServiceSpec spec) {
        List<String> ips = list(spec.getClusterIPs());
        if (!ips.isEmpty()) {
            return ips;
        }
        return blank(spec.getClusterIP()) ? List.of() : List.of(spec.getClusterIP());
    }

    private static List<Ip> clusterIps(ServiceSpec spec, List<String> raw) {
        boolean fromList = !list(spec.getClusterIPs()).isEmpty();
        if (fromList && !blank(spec.getClusterIP()) && !spec.getClusterIP().equals(raw.getFirst())) {
            throw new InvalidObject("spec.clusterIP: " + quote(spec.getClusterIP()) + " must equal spec.clusterIPs[0] "
                    + quote(raw.getFirst()));
        }
        if (raw.size() > 2) {
            throw new InvalidObject("spec.clusterIPs: " + raw.size() + " addresses, at most 2 (one per family)");
        }
        List<Ip> ips = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String field = fromList ? "spec.clusterIPs[" + i + "]" : "spec.clusterIP";
            String text = raw.get(i);
            Ip ip = Ip.parse(text).orElseThrow(() -> new InvalidObject(field + ": " + quote(text) + " is not an IP address"));
            if (!ips.isEmpty() && ips.getFirst().family() == ip.family()) {
                throw new InvalidObject(field + ": " + ip + " is of the same family as " + ips.getFirst()
                        + " (dual-stack needs one address per family)");
            }
            ips.add(ip);
        }
        return ips;
    }

    private static int affinityTimeout(ServiceSpec spec) {
        String affinity = spec.getSessionAffinity();
        if (affinity == null || affinity.equals("None")) {
            return 0;
        }
        if (!affinity.equals("ClientIP")) {
            throw new InvalidObject("spec.sessionAffinity: " + quote(affinity) + " is not None or ClientIP");
        }
        Integer timeout = spec.getSessionAffinityConfig() == null || spec.getSessionAffinityConfig().getClientIP() == null
                ? null
                : spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
        int t = Fields.intOr(timeout, DEFAULT_AFFINITY_TIMEOUT_SECONDS);
        checkRange("spec.sessionAffinityConfig.clientIP.timeoutSeconds", t, 1, MAX_AFFINITY_TIMEOUT_SECONDS);
        return t;
    }

    private static boolean policyIsLocal(String field, String policy) {
        if (policy == null || policy.equals("Cluster")) {
            return false;
        }
        if (policy.equals("Local")) {
            return true;
        }
        throw new InvalidObject(field + ": " + quote(policy) + " is not Cluster or Local");
    }

    /**
     * spec.trafficDistribution wins over the annotations (KEP-4444). Unknown distributions mean "no preference"
     * rather than a rejection: a newer API server may know values this agent does not, and hints are only an
     * optimisation.
     */
    static Topology topology(ServiceSpec spec, ObjectMeta meta) {
        String distribution = spec.getTrafficDistribution();
        if (distribution != null) {
            switch (distribution) {
                case "PreferClose", "PreferSameZone" -> {
                    return Topology.SAME_ZONE;
                }
                case "PreferSameNode" -> {
                    return Topology.SAME_NODE;
                }
                default -> { }
            }
        }
        String mode = Fields.annotation(meta, TOPOLOGY_MODE_ANNOTATION);
        if (mode == null) {
            mode = Fields.annotation(meta, TOPOLOGY_HINTS_ANNOTATION);
        }
        // The EndpointSlice controller accepts "Auto" and the older "auto".
        return mode != null && mode.toLowerCase(Locale.ROOT).equals("auto") ? Topology.SAME_ZONE : Topology.NONE;
    }
}
