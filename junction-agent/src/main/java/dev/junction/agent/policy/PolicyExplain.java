package dev.junction.agent.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code junction policy explain}: whether NetworkPolicy allows one flow, and which policies and rules decide it,
 * for the source's egress and the destination's ingress separately. The answer is the NetworkPolicy oracle's (an
 * independent reading of the API's semantics); policies the firewall's converter or the oracle skips as invalid
 * are reported as warnings. Exit code 0: allowed; 1: denied; 2: usage error; 3: the objects could not be read.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Explain whether NetworkPolicy allows a flow: the verdict, then the source's egress and the"
                + " destination's ingress with the policies and rules that decide each.",
            "Exit code: 0 allowed, 1 denied, 2 usage error, 3 the objects could not be read."})
public final class PolicyExplain implements Callable<Integer> {
    static final int ALLOW = 0;
    static final int DENY = 1;
    static final int USAGE = 2;
    static final int UNREADABLE = 3;

    @Option(names = "--from", required = true, paramLabel = "END",
            description = "The source: namespace/pod, node (the local node) or ip:ADDRESS.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "END",
            description = "The destination: namespace/pod, node or ip:ADDRESS.")
    String to;

    @Option(names = "--port", required = true, paramLabel = "PORT/PROTO",
            description = "Destination port and protocol: 80/tcp, 53/udp, or a named port of the destination pod"
                    + " (http/tcp). The protocol defaults to tcp.")
    String port;

    @Option(names = "--manifests", paramLabel = "DIR",
            description = "Read Pods, Namespaces, NetworkPolicies and Nodes from the YAML/JSON files in DIR.")
    Path manifests;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig for the API server.")
    String kubeconfig;

    @Option(names = "--master", paramLabel = "URL", description = "API server address; overrides the kubeconfig's.")
    String master;

    @Option(names = "--node", paramLabel = "NAME",
            description = "The local node (traffic from it to its pods is always allowed). Default: the destination"
                    + " pod's node, else the source pod's.")
    String node;

    @Option(names = "--node-ip", paramLabel = "IP", split = ",",
            description = "The local node's addresses (default: its Node object's InternalIP and ExternalIP).")
    List<String> nodeIps = new ArrayList<>();

    @Option(names = "--json", description = "Print the answer as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (manifests != null && (kubeconfig != null || master != null)) {
            err.println("policy explain: --manifests reads a folder; it cannot be combined with --kubeconfig or --master");
            return USAGE;
        }
        ClusterObjects objects;
        try {
            objects = manifests != null ? ClusterObjects.fromManifests(manifests) : ClusterObjects.fromApi(kubeconfig, master);
        } catch (IllegalArgumentException e) {
            err.println("policy explain: " + e.getMessage());
            return USAGE;
        } catch (Exception e) {
            String root = ClusterObjects.rootMessage(e);
            String top = e.getMessage() == null || e.getMessage().contains(root) ? "" : e.getMessage().strip() + ": ";
            err.println("policy explain: cannot read the cluster's objects: " + top + root);
            return UNREADABLE;
        }
        Explanation answer;
        try {
            answer = Explainer.explain(objects, from, to, port, node, nodeIps);
        } catch (IllegalArgumentException e) {
            err.println("policy explain: " + e.getMessage());
            return USAGE;
        }
        if (json) {
            try {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(answer.json()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            answer.lines().forEach(out::println);
        }
        out.flush();
        return answer.allowed() ? ALLOW : DENY;
    }
}
