package dev.junction.agent.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a scenario's {@code probes.yaml}:
 *
 * <pre>
 * agentArgs: ["--masquerade-all"]      # optional: extra agent arguments
 * nodeZone: zone-a                     # optional: zone label of sandbox-node (default zone-a)
 * nodes:                               # optional: a multi-node scenario (see NodeLayout)
 *   - {name: node1, subnet: A}         # subnet A (default) or B; zone: optional
 * externalRouter: bird                 # optional (multi-node): BIRD in the wire peers with every node
 * probes:
 *   - name: clusterip balances over ready endpoints      # optional (default "FROM -> TO")
 *     from: demo/client                # ns/pod | node | node NAME | external
 *     to: service demo/web:80/tcp      # pod ns/name:PORT/PROTO     the pod's IP
 *                                      # service ns/name:PORT/PROTO the ClusterIP; PORT = service port number or name
 *                                      # nodeport PORT/PROTO        the node IP 192.168.77.2
 *                                      # ip A.B.C.D:PORT/PROTO
 *     expect: {backends: [demo/web-1, demo/web-2]}
 *     tries: 30                        # optional
 *     sourceIp: preserved              # optional: preserved | masqueraded
 * </pre>
 *
 * {@code expect} is one of:
 * <ul>
 *   <li>{@code allow}: every try got an answer (default 3 tries);</li>
 *   <li>{@code deny}: no try got an answer: refused, reset or no answer within 1 s (UDP 0.5 s) (default 3 tries);</li>
 *   <li>{@code {backends: [ns/pod, ...]}}: every listed pod answered at least once, nobody else answered, no try
 *       failed (default 30 tries);</li>
 *   <li>{@code {oneOf: [ns/pod, ...]}}: every try was answered by the same pod, one of the listed ones (session
 *       affinity) (default 30 tries).</li>
 * </ul>
 * {@code sourceIp} checks the peer address the answering pods logged: {@code preserved} = always the client's own
 * address, {@code masqueraded} = never the client's own address. A missing file means no probes; unknown keys are
 * errors, so typos do not silently weaken a check.
 */
public final class ProbesFileParser {

    private static final Set<String> TOP_KEYS = Set.of("agentArgs", "nodeZone", "nodes", "externalRouter", "probes");
    private static final Set<String> NODE_KEYS = Set.of("name", "subnet", "zone");
    private static final Set<String> PROBE_KEYS = Set.of("name", "from", "to", "expect", "tries", "sourceIp");

    private ProbesFileParser() {
    }

    public static ProbesFile parse(String yaml) {
        Map<String, Object> top = yaml.isBlank() ? null
                : Serialization.unmarshal(yaml, new TypeReference<Map<String, Object>>() { });
        if (top == null) {
            return ProbesFile.EMPTY;
        }
        checkKeys(top, TOP_KEYS, "probes.yaml");
        List<String> agentArgs = strings(top.get("agentArgs"), "agentArgs");
        Object zone = top.get("nodeZone");
        List<Probe> probes = new ArrayList<>();
        Object list = top.get("probes");
        if (list != null && !(list instanceof List<?>)) {
            throw new IllegalArgumentException("probes must be a list");
        }
        int index = 0;
        for (Object item : list == null ? List.of() : (List<?>) list) {
            index++;
            if (!(item instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("probe #" + index + " must be a mapping");
            }
            try {
                probes.add(probe(map));
            } catch (IllegalArgumentException e) {
                Object name = map.get("name");
                throw new IllegalArgumentException("probe #" + index + (name == null ? "" : " (" + name + ")")
                        + ": " + e.getMessage(), e);
            }
        }
        Object router = top.get("externalRouter");
        if (router != null && !"bird".equals(router.toString())) {
            throw new IllegalArgumentException("externalRouter must be bird: " + router);
        }
        return new ProbesFile(agentArgs, zone == null ? null : zone.toString(), nodes(top.get("nodes")),
                router == null ? null : router.toString(), probes);
    }

    static List<ScenarioNode> nodes(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("nodes must be a list");
        }
        List<ScenarioNode> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("each of nodes must be a mapping {name, subnet, zone}");
            }
            checkKeys(map, NODE_KEYS, "nodes");
            Object name = required(map, "name");
            Object subnet = map.get("subnet");
            Object zone = map.get("zone");
            out.add(new ScenarioNode(name.toString(), subnet == null ? null : subnet.toString(),
                    zone == null ? null : zone.toString()));
        }
        return out;
    }

    static Probe probe(Map<?, ?> map) {
        checkKeys(map, PROBE_KEYS, "probe");
        Expectation expect = expectation(required(map, "expect"));
        Object tries = map.get("tries");
        int n = tries == null ? expect.defaultTries() : integer(tries, "tries");
        Object name = map.get("name");
        return new Probe(name == null ? null : name.toString(),
                ProbeSource.parse(required(map, "from").toString()),
                ProbeTarget.parse(required(map, "to").toString()),
                expect, n,
                SourceIpCheck.parse(map.get("sourceIp") == null ? null : map.get("sourceIp").toString()));
    }

    static Expectation expectation(Object value) {
        if (value instanceof String s) {
            return switch (s.trim()) {
                case "allow" -> new Expectation.Allow();
                case "deny" -> new Expectation.Deny();
                default -> throw new IllegalArgumentException(
                        "expect must be allow, deny, {backends: [...]} or {oneOf: [...]}: " + s);
            };
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            var entry = map.entrySet().iterator().next();
            List<String> names = strings(entry.getValue(), entry.getKey().toString()).stream()
                    .map(n -> ObjectRef.parse(n).toString()).toList();
            if (names.isEmpty()) {
                throw new IllegalArgumentException(entry.getKey() + " needs at least one pod");
            }
            return switch (entry.getKey().toString()) {
                case "backends" -> new Expectation.Backends(names);
                case "oneOf" -> new Expectation.OneOf(names);
                default -> throw new IllegalArgumentException("unknown expectation " + entry.getKey());
            };
        }
        throw new IllegalArgumentException("expect must be allow, deny, {backends: [...]} or {oneOf: [...]}");
    }

    private static Object required(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return value;
    }

    private static void checkKeys(Map<?, ?> map, Set<String> allowed, String what) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + what + " (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static List<String> strings(Object value, String key) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(key + " must be a list");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static int integer(Object value, String key) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number: " + value);
        }
    }
}
