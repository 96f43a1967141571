package dev.junction.agent.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class ProbesFileParserTest {

    @Test
    void parsesEveryKeyOfAProbe() {
        ProbesFile file = ProbesFileParser.parse("""
                agentArgs: ["--masquerade-all", "--v=2"]
                nodeZone: zone-x
                probes:
                  - name: clusterip balances
                    from: demo/client
                    to: service demo/web:80/tcp
                    expect: {backends: [demo/web-1, web-2]}
                    tries: 12
                    sourceIp: preserved
                """);

        assertThat(file.agentArgs()).containsExactly("--masquerade-all", "--v=2");
        assertThat(file.nodeZone()).isEqualTo("zone-x");
        Probe p = file.probes().getFirst();
        assertThat(p.name()).isEqualTo("clusterip balances");
        assertThat(p.from()).isEqualTo(new ProbeSource.FromPod(new ObjectRef("demo", "client")));
        assertThat(p.to()).isEqualTo(new ProbeTarget.ToService(new ObjectRef("demo", "web"), "80", Protocol.TCP));
        assertThat(p.expect()).isEqualTo(new Expectation.Backends(List.of("demo/web-1", "default/web-2")));
        assertThat(p.tries()).isEqualTo(12);
        assertThat(p.sourceIp()).isEqualTo(SourceIpCheck.PRESERVED);
    }

    @Test
    void defaultsTriesByExpectationAndNamesUnnamedProbes() {
        ProbesFile file = ProbesFileParser.parse("""
                probes:
                  - {from: node, to: "ip 10.96.0.41:80/tcp", expect: deny}
                  - {from: external, to: "nodeport 30080/udp", expect: allow}
                  - {from: demo/a, to: "pod demo/b:8080", expect: {oneOf: [demo/b]}}
                  - from: demo/a
                    to: service demo/web:http/tcp
                    expect:
                      backends: [demo/web-1]
                """);

        assertThat(file.agentArgs()).isEmpty();
        assertThat(file.nodeZone()).isNull();
        assertThat(file.probes()).extracting(Probe::tries).containsExactly(3, 3, 30, 30);
        assertThat(file.probes().getFirst().name()).isEqualTo("node -> ip 10.96.0.41:80/tcp");
        assertThat(file.probes().get(1).to()).isEqualTo(new ProbeTarget.ToNodePort(30080, Protocol.UDP));
        assertThat(file.probes().get(2).to()).isEqualTo(new ProbeTarget.ToPod(new ObjectRef("demo", "b"), 8080,
                Protocol.TCP));
        assertThat(file.probes().get(3).to()).isEqualTo(new ProbeTarget.ToService(new ObjectRef("demo", "web"),
                "http", Protocol.TCP));
    }

    @Test
    void anEmptyFileHasNoProbes() {
        assertThat(ProbesFileParser.parse("").probes()).isEmpty();
        assertThat(ProbesFileParser.parse("probes: []\n").probes()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown top key       | agentArg: [x]                                                          | unknown key 'agentArg'",
        "unknown probe key     | 'probes: [{from: node, to: \"ip 1.2.3.4:80\", expect: deny, try: 3}]'   | unknown key 'try'",
        "missing expect        | 'probes: [{from: node, to: \"ip 1.2.3.4:80\"}]'                         | missing 'expect'",
        "bad source            | 'probes: [{from: client, to: \"ip 1.2.3.4:80\", expect: deny}]'         | from must be",
        "bad target            | 'probes: [{from: node, to: \"host 1.2.3.4:80\", expect: deny}]'         | to must be",
        "port out of range     | 'probes: [{from: node, to: \"ip 1.2.3.4:70000\", expect: deny}]'        | port must be 1..65535",
        "bad protocol          | 'probes: [{from: node, to: \"ip 1.2.3.4:80/sctp\", expect: deny}]'      | protocol must be tcp or udp",
        "bad expectation       | 'probes: [{from: node, to: \"ip 1.2.3.4:80\", expect: maybe}]'          | expect must be",
        "empty backends        | 'probes: [{from: node, to: \"ip 1.2.3.4:80\", expect: {backends: []}}]' | needs at least one pod",
        "bad sourceIp          | 'probes: [{from: node, to: \"ip 1.2.3.4:80\", expect: allow, sourceIp: kept}]' | sourceIp must be",
        "zero tries            | 'probes: [{from: node, to: \"ip 1.2.3.4:80\", expect: allow, tries: 0}]' | tries must be >= 1",
        "bad subnet            | 'nodes: [{name: n1, subnet: C}]'                                       | subnet must be A or B",
        "unknown node key      | 'nodes: [{name: n1, ip: 1.2.3.4}]'                                     | unknown key 'ip'",
        "node without name     | 'nodes: [{subnet: A}]'                                                 | missing 'name'",
        "router without nodes  | 'externalRouter: bird'                                                 | needs a multi-node scenario",
        "unknown router        | 'nodes: [{name: n1}]\\nexternalRouter: frr'                            | externalRouter must be bird",
    })
    void rejectsMistakesWithAMessageNamingThem(String what, String yaml, String message) {
        assertThatThrownBy(() -> ProbesFileParser.parse(yaml.replace("\\n", "\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void readsAMultiNodeScenario() {
        ProbesFile file = ProbesFileParser.parse("""
                nodes:
                  - {name: node1, subnet: A}
                  - {name: node2}
                  - {name: node3, subnet: b, zone: zone-b}
                externalRouter: bird
                probes:
                  - {from: node node3, to: "nodeport node1:30080/udp", expect: allow}
                """);
        assertThat(file.nodes()).containsExactly(new ScenarioNode("node1", "A", null),
                new ScenarioNode("node2", "A", null), new ScenarioNode("node3", "B", "zone-b"));
        assertThat(file.externalRouter()).isEqualTo("bird");
        Probe probe = file.probes().getFirst();
        assertThat(probe.from()).isEqualTo(new ProbeSource.FromNode("node3"));
        assertThat(probe.to()).isEqualTo(new ProbeTarget.ToNodePort("node1", 30080, Protocol.UDP));
        assertThat(probe.name()).isEqualTo("node node3 -> nodeport node1:30080/udp");
    }

    @Test
    void errorsNameTheProbe() {
        assertThatThrownBy(() -> ProbesFileParser.parse("""
                probes:
                  - {name: ok, from: node, to: "ip 1.2.3.4:80", expect: deny}
                  - {name: broken one, from: nowhere, to: "ip 1.2.3.4:80", expect: deny}
                """)).hasMessageStartingWith("probe #2 (broken one): from must be");
    }
}
