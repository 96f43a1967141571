package dev.junction.agent.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.agent.Main;
import dev.junction.bgp.fsm.State;
import dev.junction.bgp.speaker.GracefulRestartConfig;
import dev.junction.bgp.speaker.PeerConfig;
import dev.junction.bgp.speaker.Speaker;
import dev.junction.bgp.speaker.SpeakerConfig;
import dev.junction.bgp.wire.Prefix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A speaker configured from YAML with its admin endpoint, peering over loopback (127.0.0.1 and 127.0.0.2) with a
 * second speaker; the {@code junction bgp} commands are run through the real CLI against the endpoint.
 */
@Tag("unit")
class BgpAdminEndToEndTest {
    private static final InetAddress A = InetAddress.ofLiteral("127.0.0.1");
    private static final InetAddress B = InetAddress.ofLiteral("127.0.0.2");
    private static Speaker a;
    private static Speaker b;
    private static BgpAdminServer admin;
    private static String adminAddress;

    @BeforeAll
    static void start() throws Exception {
        BgpConfigFile.Parsed parsed = BgpConfigFile.parse("""
                routerId: 10.0.0.1
                asn: 64512
                listen: {address: 127.0.0.1, port: 0}
                admin: {address: 127.0.0.1, port: 0}
                originate: [{prefix: 10.9.0.0/24}]
                peers:
                  - {name: node-b, address: 127.0.0.2, asn: 64512, passive: true, holdTime: 3}
                """, null);
        a = Speaker.start(parsed.speaker());
        admin = new BgpAdminServer(a, parsed.admin());
        admin.start();
        adminAddress = BgpAdminServer.hostPort(admin.address());
        b = Speaker.start(new SpeakerConfig(Inet4Address.ofLiteral("10.0.0.2"), 64512, null, null,
                List.of(PeerConfig.builder("node-a", A, 64512).port(a.listenPort()).localAddress(B).holdTime(3)
                        .connectRetry(Duration.ofSeconds(1)).build()),
                List.of(new SpeakerConfig.Originated(Prefix.parse("10.2.0.0/24"), List.of(0xFC00_0007L)),
                        new SpeakerConfig.Originated(Prefix.parse("10.9.0.0/24"), List.of())),
                GracefulRestartConfig.DEFAULT, false, 100));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(a.peerStates().get("node-b") == State.ESTABLISHED && a.routes().get().size() == 2
                && a.explain(Prefix.parse("10.9.0.0/24")).get().candidates().size() == 2)) {
            if (System.nanoTime() > deadline) throw new AssertionError("session or routes did not come up: " + a.peerStates());
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() {
        if (admin != null) admin.close();
        if (b != null) b.close();
        if (a != null) a.close();
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        assertThat(code).as("exit code; stderr: " + err).isZero();
        return out.toString();
    }

    @Test
    void neighborsShowsTheSessionAndItsCounters() {
        String table = cli("bgp", "neighbors", "--admin", adminAddress);
        assertThat(table.lines().toList()).hasSize(2);
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("NAME").contains("STATE", "RECEIVED", "BEST", "ADVERTISED");
        assertThat(table.lines().skip(1).findFirst().orElseThrow().split("\\s+"))
                .startsWith("node-b", "127.0.0.2", "64512", "ESTABLISHED")
                .contains("2", "1"); // received 2, best 1 (10.2.0.0/24; our own 10.9.0.0/24 wins), advertised 1
    }

    @Test
    void neighborsAsJson() throws Exception {
        JsonNode n = new ObjectMapper().readTree(cli("bgp", "neighbors", "--admin", adminAddress, "--json")).get(0);
        assertThat(n.get("state").asText()).isEqualTo("ESTABLISHED");
        assertThat(n.get("received").asInt()).isEqualTo(2);
        assertThat(n.get("best").asInt()).isEqualTo(1);
        assertThat(n.get("advertised").asInt()).isEqualTo(1);
        assertThat(n.get("routerId").asText()).isEqualTo("10.0.0.2");
        assertThat(n.get("password").asBoolean()).isFalse();
        assertThat(n.get("families").get(0).asText()).isEqualTo("ipv4-unicast");
    }

    @Test
    void ribListsEveryPathAndMarksTheBest() {
        List<String> lines = cli("bgp", "rib", "--admin", adminAddress, "--family", "ipv4").lines().toList();
        assertThat(lines.get(0)).contains("PREFIX", "NEXT HOP", "FROM", "AS PATH", "COMMUNITIES");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("*").contains("10.2.0.0/24", "127.0.0.2", "(AS64512)", "64512:7");
        assertThat(lines.get(2)).startsWith("*").contains("10.9.0.0/24", "self", "local");
        assertThat(lines.get(3)).doesNotStartWith("*").contains("127.0.0.2");
        assertThat(cli("bgp", "rib", "--admin", adminAddress, "--family", "ipv6")).contains("(no routes)");
        assertThat(cli("bgp", "rib", "--admin", adminAddress, "10.2.0.0/24").lines().count()).isEqualTo(2);
    }

    @Test
    void explainSaysWhichStepDecided() throws Exception {
        String text = cli("bgp", "explain", "--admin", adminAddress, "10.9.0.0/24");
        assertThat(text).startsWith("10.9.0.0/24: 2 candidate path(s)");
        assertThat(text).contains("best", "lost at EXTERNAL_OVER_INTERNAL", "Decision steps in order: LOCAL_PREF");
        JsonNode json = new ObjectMapper().readTree(cli("bgp", "explain", "--admin", adminAddress, "10.9.0.0/24", "--json"));
        assertThat(json.get("paths").get(0).get("best").asBoolean()).isTrue();
        assertThat(json.get("paths").get(1).get("lostAt").asText()).isEqualTo("EXTERNAL_OVER_INTERNAL");
    }

    @Test
    void badQueriesAreRefusedWithAReason() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + adminAddress + "/v1/explain?prefix=nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("not a prefix: nope");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://" + adminAddress + "/v1/neighbors"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void theEndpointRefusesANonLoopbackAddress() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BgpAdminServer(a, new InetSocketAddress(InetAddress.ofLiteral("0.0.0.0"), 0)))
                .hasMessageContaining("loopback only");
    }

    @Test
    void noSpeakerIsAClearError() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute("bgp", "neighbors", "--admin", "127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString()).contains("no BGP speaker answers on 127.0.0.1:1");
    }
}
