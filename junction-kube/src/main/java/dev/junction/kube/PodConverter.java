package dev.junction.kube;

import static dev.junction.kube.Fields.blank;
import static dev.junction.kube.Fields.list;
import static dev.junction.kube.Fields.quote;

import dev.junction.model.Ip;
import dev.junction.model.Protocol;
import dev.junction.model.policy.PodInfo;
import dev.junction.model.policy.PodInfo.NamedPort;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a fabric8 Pod into the firewall's {@link PodInfo}.
 *
 * <p><b>Ignored</b>: pods in phase Succeeded or Failed. They hold no IP any more and the address may already belong
 * to a new pod, so keeping them as peers would let the old pod's labels grant the new one access (kube-router skips
 * them too).
 *
 * <p><b>Rejected</b>: only a pod without name or namespace. A pod is admitted by the API server and then written
 * by the kubelet; a value that does not parse (an address, a port) is dropped with a warning, the rest is kept.
 *
 * <p>A pod that has no IP yet is accepted with no addresses: its labels already matter to the policies that select
 * it, and the update that brings its IP is then a change of addresses only.
 */
public final class PodConverter {
    public static final Set<String> FINISHED_PHASES = Set.of("Succeeded", "Failed");

    /** Never throws for a non-null object, whatever its fields hold. */
    public Conversion<PodInfo> convert(io.fabric8.kubernetes.api.model.Pod pod) {
        try {
            return doConvert(pod);
        } catch (InvalidObject e) {
            return Conversion.rejected(e.getMessage());
        }
    }

    private Conversion<PodInfo> doConvert(io.fabric8.kubernetes.api.model.Pod pod) {
        Fields.requireNamespacedName(pod.getMetadata());
        PodStatus status = pod.getStatus();
        String phase = status == null ? null : status.getPhase();
        if (phase != null && FINISHED_PHASES.contains(phase)) {
            return Conversion.ignored("status.phase is " + phase + ": the pod has finished and holds no IP any more");
        }
        List<String> warnings = new ArrayList<>();
        PodSpec spec = pod.getSpec();
        boolean hostNetwork = spec != null && Boolean.TRUE.equals(spec.getHostNetwork());
        String nodeName = spec == null ? "" : spec.getNodeName();
        return Conversion.accepted(new PodInfo(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                ips(status, warnings), Fields.labels(pod.getMetadata(), warnings), nodeName, hostNetwork,
                ports(spec, warnings)), warnings);
    }

    /** status.podIPs, or status.podIP where a kubelet predating dual-stack wrote only that. */
    private static List<Ip> ips(PodStatus status, List<String> warnings) {
        if (status == null) {
            return List.of();
        }
        List<String> raw = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        List<PodIP> podIps = list(status.getPodIPs());
        for (int i = 0; i < podIps.size(); i++) {
            raw.add(podIps.get(i) == null ? null : podIps.get(i).getIp());
            fields.add("status.podIPs[" + i + "].ip");
        }
        if (raw.isEmpty() && !blank(status.getPodIP())) {
            raw.add(status.getPodIP());
            fields.add("status.podIP");
        }
        Set<Ip> out = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            Ip ip = Ip.parse(raw.get(i)).orElse(null);
            if (ip == null) {
                warnings.add(fields.get(i) + ": " + quote(raw.get(i)) + " is not an IP address; dropped");
            } else {
                out.add(ip);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The named ports of spec.containers, which is where named ports in policies are resolved. Unnamed ports are
     * left out: a policy can only refer to a container port by its name.
     */
    private static List<NamedPort> ports(PodSpec spec, List<String> warnings) {
        List<NamedPort> out = new ArrayList<>();
        List<Container> containers = spec == null ? List.of() : list(spec.getContainers());
        for (int c = 0; c < containers.size(); c++) {
            List<ContainerPort> ports = containers.get(c) == null ? List.of() : list(containers.get(c).getPorts());
            for (int i = 0; i < ports.size(); i++) {
                ContainerPort p = ports.get(i);
                if (p == null || blank(p.getName())) {
                    continue;
                }
                String field = "spec.containers[" + c + "].ports[" + i + "]";
                Protocol protocol = Protocol.parse(p.getProtocol()).orElse(null);
                if (protocol == null) {
                    warnings.add(field + ".protocol: " + quote(p.getProtocol()) + " is not TCP, UDP or SCTP; dropped");
                } else if (p.getContainerPort() == null || p.getContainerPort() < 1 || p.getContainerPort() > 65535) {
                    warnings.add(field + ".containerPort: " + p.getContainerPort() + " is out of range 1-65535; dropped");
                } else {
                    out.add(new NamedPort(p.getName(), protocol, p.getContainerPort()));
                }
            }
        }
        return out;
    }
}
