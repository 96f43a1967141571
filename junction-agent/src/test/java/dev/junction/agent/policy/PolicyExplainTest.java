package dev.junction.agent.policy;

import static dev.junction.agent.policy.ExplainFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.agent.policy.ExplainFixture.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code junction policy explain} over a manifest folder: golden output, exit codes, JSON. */
@Tag("unit")
class PolicyExplainTest {
    private static final String BROKEN = "warning: invalid NetworkPolicy prod/broken skipped:"
            + " spec.ingress[0].ports[0].endPort: 70 is less than port 80\n";

    @TempDir
    Path dir;

    @BeforeEach
    void cluster() throws Exception {
        ExplainFixture.write(dir);
    }

    private Run explain(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "policy";
        all[1] = "explain";
        all[2] = "--manifests";
        all[3] = dir.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return run(all);
    }

    @Test
    void namedPortAllowedByANamespaceSelector() {
        Run r = explain("--from", "prod/client", "--to", "prod/web", "--port", "http/tcp");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                ALLOW prod/client (10.244.0.3) -> prod/web (10.244.0.2) port 8080/TCP
                port http/TCP of prod/web is 8080
                egress of prod/client: no policy selects this pod for egress: open
                ingress of prod/web: allowed by prod/allow-team-a-http rule 0 (from: namespaceSelector team=a; port http/TCP)
                  prod/allow-team-a-http: rule 0 matches (from: namespaceSelector team=a; port http/TCP)
                  prod/default-deny: no ingress rules (allows nothing)
                """ + BROKEN);
        assertThat(r.rc()).isZero();
    }

    @Test
    void deniedInBothDirectionsListsEverySelectingPolicy() {
        Run r = explain("--from", "dev/client", "--to", "prod/web", "--port", "8080");
        assertThat(r.out()).isEqualTo("""
                DENY dev/client (10.244.1.3) -> prod/web (10.244.0.2) port 8080/TCP
                egress of dev/client: denied — selected by dev/client-egress (no rule matches)
                  dev/client-egress: no rule matches
                ingress of prod/web: denied — selected by prod/allow-team-a-http, prod/default-deny (no rule matches)
                  prod/allow-team-a-http: no rule matches
                  prod/default-deny: no ingress rules (allows nothing)
                """ + BROKEN);
        assertThat(r.rc()).isEqualTo(1);
    }

    @Test
    void theLocalNodeReachesItsPodsWhateverSelectsThem() {
        Run r = explain("--from", "node", "--to", "prod/web", "--port", "81/tcp");
        assertThat(r.out()).isEqualTo("""
                ALLOW node (192.168.1.10) -> prod/web (10.244.0.2) port 81/TCP
                egress of node: the node is not a pod: not policed
                ingress of prod/web: allowed — traffic from the local node is always allowed (kubelet probes)
                """ + BROKEN);
        assertThat(r.rc()).isZero();
    }

    @Test
    void anotherNodeIsJudgedByAddress() {
        Run r = explain("--from", "node", "--to", "prod/web", "--port", "81/tcp", "--node", "node-2",
                "--node-ip", "192.168.1.11");
        assertThat(r.out()).startsWith("""
                DENY node (192.168.1.11) -> prod/web (10.244.0.2) port 81/TCP
                egress of node: the node is not a pod: not policed
                ingress of prod/web: denied — selected by prod/allow-team-a-http, prod/default-deny (no rule matches)
                """);
        assertThat(r.rc()).isEqualTo(1);
    }

    @Test
    void ipEndsAreMatchedByIpBlockOnly() {
        Run allowed = explain("--from", "dev/client", "--to", "ip:10.1.2.3", "--port", "443/tcp");
        assertThat(allowed.out()).isEqualTo("""
                ALLOW dev/client (10.244.1.3) -> 10.1.2.3 port 443/TCP
                egress of dev/client: allowed by dev/client-egress rule 0 (to: ipBlock 10.0.0.0/8 except 10.244.0.0/24; port 443/TCP)
                  dev/client-egress: rule 0 matches (to: ipBlock 10.0.0.0/8 except 10.244.0.0/24; port 443/TCP)
                ingress of 10.1.2.3: not a pod: not policed
                warning: 1 invalid NetworkPolicy in other namespaces skipped (they cannot select these pods)
                """);
        assertThat(allowed.rc()).isZero();
        Run excepted = explain("--from", "dev/client", "--to", "10.244.0.9", "--port", "443");
        assertThat(excepted.out()).startsWith("DENY dev/client (10.244.1.3) -> 10.244.0.9 port 443/TCP\n");
        assertThat(excepted.rc()).isEqualTo(1);
        Run in = explain("--from", "ip:203.0.113.7", "--to", "prod/web", "--port", "http");
        assertThat(in.out()).contains("ingress of prod/web: denied — selected by").contains(BROKEN);
        assertThat(in.rc()).isEqualTo(1);
    }

    @Test
    void anAddressThatIsAPodsIsJudgedAsAnAddressWithAWarning() {
        Run r = explain("--from", "ip:10.244.0.3", "--to", "prod/web", "--port", "8080");
        assertThat(r.out()).startsWith("DENY 10.244.0.3 -> prod/web (10.244.0.2) port 8080/TCP\n")
                .contains("warning: 10.244.0.3 is the address of pod prod/client: an address end is matched by ipBlock"
                        + " only; name the pod to have its labels count\n");
        assertThat(r.rc()).isEqualTo(1);
    }

    @Test
    void podToNodeUsesTheNodeObjectsAddress() {
        Run r = explain("--from", "prod/web", "--to", "node", "--port", "10250");
        assertThat(r.out()).startsWith("""
                ALLOW prod/web (10.244.0.2) -> node (192.168.1.10) port 10250/TCP
                egress of prod/web: no policy selects this pod for egress: open
                ingress of node: the node is not a pod: not policed
                """);
        assertThat(r.rc()).isZero();
    }

    @Test
    void jsonCarriesTheVerdictEachDirectionAndTheWarnings() throws Exception {
        Run r = explain("--from", "prod/client", "--to", "prod/web", "--port", "http/TCP", "--json");
        assertThat(r.rc()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("verdict").asText()).isEqualTo("allow");
        assertThat(j.path("port").asInt()).isEqualTo(8080);
        assertThat(j.path("port_name").asText()).isEqualTo("http");
        assertThat(j.path("from").path("address").asText()).isEqualTo("10.244.0.3");
        assertThat(j.path("node").asText()).isEqualTo("node-1");
        assertThat(j.path("egress").path("outcome").asText()).isEqualTo("open");
        JsonNode in = j.path("ingress");
        assertThat(in.path("outcome").asText()).isEqualTo("allowed");
        assertThat(in.path("policies").size()).isEqualTo(2);
        assertThat(in.path("policies").get(0).path("policy").asText()).isEqualTo("prod/allow-team-a-http");
        assertThat(in.path("policies").get(0).path("rule").asInt()).isZero();
        assertThat(in.path("policies").get(0).path("peer_text").asText()).isEqualTo("namespaceSelector team=a");
        assertThat(in.path("policies").get(1).path("matches").asBoolean()).isFalse();
        assertThat(j.path("warnings").get(0).asText()).startsWith("invalid NetworkPolicy prod/broken skipped");
        assertThat(j.path("explanation").get(0).asText()).startsWith("ALLOW prod/client");
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhy() {
        assertUsage(explain("--from", "prod/nope", "--to", "prod/web", "--port", "80"), "--from prod/nope: no such pod");
        assertUsage(explain("--from", "prod/web", "--to", "dev/client", "--port", "http"),
                "--port http/TCP: dev/client declares no TCP container port named http");
        assertUsage(explain("--from", "prod/web", "--to", "ip:10.0.0.1", "--port", "http/tcp"),
                "a named port needs a pod as --to");
        assertUsage(explain("--from", "prod/web", "--to", "prod/client", "--port", "80/icmp"), "protocol icmp");
        assertUsage(explain("--from", "prod/web", "--to", "prod/client", "--port", "70000"), "70000 is not in 1-65535");
        assertUsage(explain("--from", "prod", "--to", "prod/client", "--port", "80"), "write namespace/pod, node or ip");
        assertUsage(explain("--from", "ip:10.0.0.300", "--to", "prod/client", "--port", "80"), "is not an IP address");
        assertUsage(explain("--from", "node", "--to", "ip:10.0.0.1", "--port", "80"), "which node?");
        assertUsage(explain("--from", "node", "--to", "dev/client", "--port", "80"), "addresses of node node-2 are unknown");
        assertUsage(run("policy", "explain", "--manifests", dir.resolve("none").toString(), "--from", "node", "--to",
                "prod/web", "--port", "80"), "no such directory");
        assertUsage(explain("--from", "prod/web", "--to", "prod/client", "--port", "80", "--master", "http://x"),
                "cannot be combined");
        assertThat(explain("--to", "prod/web", "--port", "80").rc()).isEqualTo(2); // picocli: missing option
    }

    @Test
    void finishedPodsAndUnreadableFilesAreReported() throws Exception {
        Files.writeString(dir.resolve("done.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: job, namespace: dev}
                status: {phase: Succeeded, podIPs: [{ip: 10.244.1.9}]}
                """);
        Files.writeString(dir.resolve("bad.yaml"), "kind: Pod\nmetadata: [unclosed\n");
        assertUsage(explain("--from", "dev/job", "--to", "prod/web", "--port", "80"),
                "--from dev/job: the pod has finished (status.phase Succeeded)");
        Run r = explain("--from", "dev/client", "--to", "dev/client", "--port", "80");
        assertThat(r.out()).startsWith("""
                ALLOW dev/client (10.244.1.3) -> dev/client (10.244.1.3) port 80/TCP
                egress of dev/client: allowed — a pod cannot block access to itself
                ingress of dev/client: allowed — a pod cannot block access to itself
                warning: file bad.yaml skipped:""");
        assertThat(r.rc()).isZero();
    }

    private static void assertUsage(Run r, String message) {
        assertThat(r.rc()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(r.out()).isEmpty();
    }
}
