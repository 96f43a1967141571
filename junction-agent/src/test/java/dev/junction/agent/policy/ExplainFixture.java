package dev.junction.agent.policy;

import dev.junction.agent.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** The test cluster of the explain tests, and a way to run the CLI capturing what it prints. */
final class ExplainFixture {
    /**
     * Two namespaces (prod team=a, dev team=b), the node node-1 (192.168.1.10), prod/web with the named port http
     * (8080), prod/client, dev/client on another node; a default deny and an allow-team-a on http in prod, an egress
     * ipBlock policy in dev, and an invalid policy (endPort below port) in prod.
     */
    static final String CLUSTER = """
apiVersion: v1
kind: Namespace
metadata: {name: prod, labels: {team: a}}
---
apiVersion: v1
kind: Namespace
metadata: {name: dev, labels: {team: b}}
---
apiVersion: v1
kind: Node
metadata: {name: node-1}
status: {addresses: [{type: InternalIP, address: 192.168.1.10}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: prod, labels: {app: web}}
spec:
  nodeName: node-1
  containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}, {containerPort: 81}]}]
status: {podIPs: [{ip: 10.244.0.2}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: prod, labels: {app: client}}
spec: {nodeName: node-1, containers: [{name: c, image: x}]}
status: {podIPs: [{ip: 10.244.0.3}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: dev, labels: {app: client}}
spec: {nodeName: node-2, containers: [{name: c, image: x}]}
status: {podIPs: [{ip: 10.244.1.3}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: prod}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-team-a-http, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from: [{namespaceSelector: {matchLabels: {team: a}}}]
    ports: [{port: http}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: client-egress, namespace: dev}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.244.0.0/24]}}]
    ports: [{port: 443}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken, namespace: prod}
spec:
  podSelector: {}
  ingress:
  - ports: [{port: 80, endPort: 70}]
""";

    record Run(int rc, String out, String err) {}

    private ExplainFixture() {}

    static Path write(Path dir) throws IOException {
        Files.writeString(dir.resolve("cluster.yaml"), CLUSTER);
        return dir;
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(rc, out.toString(), err.toString());
    }
}
