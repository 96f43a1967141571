package dev.junction.agent.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code junction bgp neighbors | rib | explain}: questions to a running speaker's admin endpoint. */
final class BgpQueries {
    private BgpQueries() {
    }

    /** Options every query shares. */
    abstract static class Query implements Callable<Integer> {
        @Option(names = "--admin", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:50052",
                description = "The speaker's admin endpoint (default: ${DEFAULT-VALUE}).")
        String admin;

        @Option(names = "--json", description = "Print the endpoint's JSON instead of a table.")
        boolean json;

        @Spec
        CommandSpec spec;

        abstract String path();

        abstract void table(JsonNode answer, PrintWriter out);

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + admin + path())).timeout(Duration.ofSeconds(60)).GET().build();
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                err.println("no BGP speaker answers on " + admin + " (is `junction bgp serve` or the agent with --run-router running? see --admin)");
                return 1;
            } catch (IOException e) {
                err.println("asking " + admin + ": " + e);
                return 1;
            }
            JsonNode body = new ObjectMapper().readTree(response.body());
            if (response.statusCode() != 200) {
                err.println("error: " + body.path("error").asText(response.body()));
                return 1;
            }
            if (json) out.println(response.body());
            else table(body, out);
            out.flush();
            return 0;
        }

        static String q(String v) {
            return URLEncoder.encode(v, StandardCharsets.UTF_8);
        }
    }

    @Command(name = "neighbors", mixinStandardHelpOptions = true, description = "Each peer: state, for how long, prefixes received/best/advertised, last error.")
    static final class Neighbors extends Query {
        String path() {
            return "/v1/neighbors";
        }

        void table(JsonNode answer, PrintWriter out) {
            BgpTables.neighbors(answer, out);
        }
    }

    @Command(name = "rib", mixinStandardHelpOptions = true, description = "The Loc-RIB: every path per prefix, the best one marked *.")
    static final class Rib extends Query {
        @Option(names = "--family", paramLabel = "ipv4|ipv6", description = "Only this address family.")
        String family;

        @Parameters(arity = "0..1", paramLabel = "PREFIX", description = "Only this prefix.")
        String prefix;

        String path() {
            if (prefix != null) return "/v1/rib?prefix=" + q(prefix);
            return family == null ? "/v1/rib" : "/v1/rib?family=" + q(family);
        }

        void table(JsonNode answer, PrintWriter out) {
            BgpTables.rib(answer, out);
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true, description = "Why the best path to PREFIX won: each candidate and the decision step it lost at.")
    static final class Explain extends Query {
        @Parameters(paramLabel = "PREFIX")
        String prefix;

        String path() {
            return "/v1/explain?prefix=" + q(prefix);
        }

        void table(JsonNode answer, PrintWriter out) {
            BgpTables.explain(answer, out);
        }
    }
}
