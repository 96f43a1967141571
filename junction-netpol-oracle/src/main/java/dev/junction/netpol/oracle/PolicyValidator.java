package dev.junction.netpol.oracle;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds what makes a policy invalid. The API server rejects such objects, so one in the oracle's input came from a
 * manifest or an old server; the oracle reports it and ignores the whole policy (it selects nothing and allows
 * nothing), which is what the compiler does with it too. The rules, each from the API reference:
 * <ol>
 *   <li>{@code metadata.name} is set;</li>
 *   <li>every {@code spec.policyTypes} entry is {@code Ingress} or {@code Egress};</li>
 *   <li>every label selector is valid: operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist};
 *       values non-empty for In/NotIn and empty for Exists/DoesNotExist; keys non-empty;</li>
 *   <li>a peer sets at least one of {@code podSelector}, {@code namespaceSelector}, {@code ipBlock}, and
 *       {@code ipBlock} with neither selector ("If this field is set then neither of the other fields can be");</li>
 *   <li>{@code ipBlock.cidr} is an IPv4 or IPv6 CIDR; every {@code except} entry is a CIDR of the same family and a
 *       strict subset of {@code cidr} ("Except values will be rejected if they are outside the cidr range");</li>
 *   <li>{@code protocol}, when set, is exactly {@code TCP}, {@code UDP} or {@code SCTP};</li>
 *   <li>a numeric {@code port} is 1-65535; a named one is an IANA service name (1-15 of {@code a-z 0-9 -}, at least
 *       one letter, no leading, trailing or doubled hyphen);</li>
 *   <li>{@code endPort} "cannot be defined if the port field is not defined or if the port field is defined as a
 *       named (string) port", "must be equal or greater than port", and is at most 65535.</li>
 * </ol>
 */
final class PolicyValidator {
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]([a-z0-9]|-(?!-))*");

    private PolicyValidator() {}

    /** The first problem found, as {@code field.path: what is wrong}; empty for a valid policy. */
    static Optional<String> problem(NetworkPolicy policy) {
        if (policy.getMetadata() == null || policy.getMetadata().getName() == null
                || policy.getMetadata().getName().isEmpty()) {
            return Optional.of("metadata.name: missing");
        }
        NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
        List<String> types = spec.getPolicyTypes() == null ? List.of() : spec.getPolicyTypes();
        for (int i = 0; i < types.size(); i++) {
            if (!"Ingress".equals(types.get(i)) && !"Egress".equals(types.get(i))) {
                return Optional.of("spec.policyTypes[" + i + "]: \"" + types.get(i) + "\" is not Ingress or Egress");
            }
        }
        if (spec.getPodSelector() != null) {
            Optional<String> p = LabelSelectors.problem(spec.getPodSelector(), "spec.podSelector");
            if (p.isPresent()) {
                return p;
            }
        }
        for (Direction d : Direction.values()) {
            List<PolicyRule> rules = d.rules(spec);
            for (int r = 0; r < rules.size(); r++) {
                String at = "spec." + d.field() + "[" + r + "]";
                Optional<String> p = ruleProblem(rules.get(r), at, d.peersField());
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> ruleProblem(PolicyRule rule, String at, String peersField) {
        for (int i = 0; i < rule.peers().size(); i++) {
            Optional<String> p = peerProblem(rule.peers().get(i), at + "." + peersField + "[" + i + "]");
            if (p.isPresent()) {
                return p;
            }
        }
        for (int i = 0; i < rule.ports().size(); i++) {
            Optional<String> p = portProblem(rule.ports().get(i), at + ".ports[" + i + "]");
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> peerProblem(NetworkPolicyPeer peer, String at) {
        LabelSelector pods = peer.getPodSelector();
        LabelSelector namespaces = peer.getNamespaceSelector();
        IPBlock block = peer.getIpBlock();
        if (pods == null && namespaces == null && block == null) {
            return Optional.of(at + ": must specify podSelector, namespaceSelector or ipBlock");
        }
        if (block != null) {
            return pods != null || namespaces != null
                    ? Optional.of(at + ": ipBlock may not be combined with podSelector or namespaceSelector")
                    : ipBlockProblem(block, at + ".ipBlock");
        }
        Optional<String> p = namespaces == null ? Optional.empty()
                : LabelSelectors.problem(namespaces, at + ".namespaceSelector");
        return p.isPresent() || pods == null ? p : LabelSelectors.problem(pods, at + ".podSelector");
    }

    private static Optional<String> ipBlockProblem(IPBlock block, String at) {
        CidrBlock cidr;
        try {
            cidr = CidrBlock.parse(block.getCidr());
        } catch (IllegalArgumentException e) {
            return Optional.of(at + ".cidr: " + e.getMessage());
        }
        List<String> except = block.getExcept() == null ? List.of() : block.getExcept();
        for (int i = 0; i < except.size(); i++) {
            String field = at + ".except[" + i + "]: ";
            try {
                if (!cidr.strictlyContains(CidrBlock.parse(except.get(i)))) {
                    return Optional.of(field + except.get(i) + " is not a strict subset of cidr " + cidr);
                }
            } catch (IllegalArgumentException e) {
                return Optional.of(field + e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> portProblem(NetworkPolicyPort entry, String at) {
        if (entry.getProtocol() != null && !PROTOCOLS.contains(entry.getProtocol())) {
            return Optional.of(at + ".protocol: \"" + entry.getProtocol() + "\" is not TCP, UDP or SCTP");
        }
        IntOrString port = entry.getPort();
        Integer number = port == null ? null : port.getIntVal();
        String name = port == null ? null : port.getStrVal();
        if (number != null && (number < 1 || number > 65535)) {
            return Optional.of(at + ".port: " + number + " is not in 1-65535");
        }
        if (number == null && name != null && !isServiceName(name)) {
            return Optional.of(at + ".port: \"" + name + "\" is neither a port number nor a port name");
        }
        Integer end = entry.getEndPort();
        if (end == null) {
            return Optional.empty();
        }
        if (number == null) {
            return Optional.of(at + ".endPort: requires a numeric port" + (name == null ? "" : ", not the named port " + name));
        }
        if (end < number) {
            return Optional.of(at + ".endPort: " + end + " is less than port " + number);
        }
        return end > 65535 ? Optional.of(at + ".endPort: " + end + " is not in 1-65535") : Optional.empty();
    }

    /** IANA_SVC_NAME, as container port names and named policy ports must be. */
    private static boolean isServiceName(String name) {
        return name.length() <= 15 && SERVICE_NAME.matcher(name).matches() && !name.endsWith("-")
                && name.chars().anyMatch(Character::isLetter);
    }
}
