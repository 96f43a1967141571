package dev.junction.netpol.oracle;

/**
 * Policies from the Kubernetes documentation ("Network Policies" concept page and the networking.k8s.io/v1 API
 * reference), as YAML, and the cluster they are tried on.
 */
final class DocumentedPolicies {
    private DocumentedPolicies() {}

    /**
     * The cluster: {@code default} (db, frontend, client, plain, web*), {@code myproject} (project=myproject),
     * {@code other}, {@code alice} (user=alice), {@code bob} (user=bob). {@code other/in-block} has a pod IP inside
     * the canonical example's ipBlock.
     */
    static TestCluster cluster() {
        return new TestCluster()
                .namespace("default")
                .namespace("myproject", "project=myproject")
                .namespace("other", "project=other")
                .namespace("alice", "user=alice")
                .namespace("bob", "user=bob")
                .pod("default/db", "10.244.0.10,fd00:244::10", "role=db")
                .pod("default/frontend", "10.244.0.11,fd00:244::11", "role=frontend")
                .pod("default/client", "10.244.0.12", "role=client")
                .pod("default/plain", "10.244.0.13")
                .pod("default/web", "10.244.0.20", "role=web")
                .pod("default/web-alt", "10.244.0.21", "node-1", false, java.util.List.of("http=8080/TCP"), "role=web")
                .pod("default/web-unnamed", "10.244.0.22", "node-1", false, java.util.List.of("80/TCP"), "role=web")
                .pod("myproject/any", "10.244.1.10", "app=anything")
                .pod("other/frontend", "10.244.2.11", "role=frontend")
                .pod("other/in-block", "172.17.0.9")
                .pod("alice/client", "10.244.3.10", "role=client")
                .pod("alice/server", "10.244.3.11", "role=server")
                .pod("bob/client", "10.244.4.10", "role=client");
    }

    /** The concept page's "example NetworkPolicy". */
    static final String CANONICAL = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: test-network-policy, namespace: default}
            spec:
              podSelector:
                matchLabels: {role: db}
              policyTypes: [Ingress, Egress]
              ingress:
              - from:
                - ipBlock:
                    cidr: 172.17.0.0/16
                    except: [172.17.1.0/24]
                - namespaceSelector:
                    matchLabels: {project: myproject}
                - podSelector:
                    matchLabels: {role: frontend}
                ports:
                - {protocol: TCP, port: 6379}
              egress:
              - to:
                - ipBlock: {cidr: 10.0.0.0/24}
                ports:
                - {protocol: TCP, port: 5978}
            """;

    /** "Behavior of to and from selectors": one element with both selectors (AND). */
    static final String AND_FORM = """
            kind: NetworkPolicy
            apiVersion: networking.k8s.io/v1
            metadata: {name: alice-clients, namespace: default}
            spec:
              podSelector: {matchLabels: {role: db}}
              ingress:
              - from:
                - namespaceSelector: {matchLabels: {user: alice}}
                  podSelector: {matchLabels: {role: client}}
            """;

    /** The same selectors as two elements (OR). */
    static final String OR_FORM = """
            kind: NetworkPolicy
            apiVersion: networking.k8s.io/v1
            metadata: {name: alice-or-clients, namespace: default}
            spec:
              podSelector: {matchLabels: {role: db}}
              ingress:
              - from:
                - namespaceSelector: {matchLabels: {user: alice}}
                - podSelector: {matchLabels: {role: client}}
            """;

    static final String DENY_INGRESS = policy("default-deny-ingress", "{}", "policyTypes: [Ingress]");
    static final String ALLOW_ALL_INGRESS = policy("allow-all-ingress", "{}", "ingress: [{}]\n  policyTypes: [Ingress]");
    static final String DENY_EGRESS = policy("default-deny-egress", "{}", "policyTypes: [Egress]");
    static final String ALLOW_ALL_EGRESS = policy("allow-all-egress", "{}", "egress: [{}]\n  policyTypes: [Egress]");
    static final String DENY_ALL = policy("default-deny-all", "{}", "policyTypes: [Ingress, Egress]");

    /** "Targeting a range of ports". */
    static final String END_PORT = policy("multi-port-egress", "{matchLabels: {role: db}}", """
            policyTypes: [Egress]
              egress:
              - to:
                - ipBlock: {cidr: 10.0.0.0/24}
                ports:
                - {protocol: TCP, port: 32000, endPort: 32768}""");

    /** Named ports resolve against the destination pod's containerPorts. */
    static final String NAMED_PORT = policy("web-by-name", "{matchLabels: {role: web}}", """
            ingress:
              - ports: [{port: http}]
              - ports: [{protocol: UDP, port: dns}]""");

    static final String EGRESS_NAMED_PORT = policy("frontend-out-by-name", "{matchLabels: {role: frontend}}", """
            policyTypes: [Egress]
              egress:
              - ports: [{port: http}]""");

    /** policyTypes absent, egress rules present: affects ingress (no rules: nothing allowed) and egress. */
    static final String IMPLIED_BOTH = policy("egress-rules-only", "{matchLabels: {role: db}}", """
            egress:
              - to: [{podSelector: {matchLabels: {role: frontend}}}]
                ports: [{port: 80}]""");

    /** policyTypes absent, ingress rules only: affects ingress alone. */
    static final String IMPLIED_INGRESS = policy("ingress-rules-only", "{matchLabels: {role: db}}", """
            ingress:
              - from: [{podSelector: {matchLabels: {role: frontend}}}]""");

    /** policyTypes Egress with ingress rules: the ingress rules are ignored. */
    static final String EGRESS_TYPE_WITH_INGRESS_RULES = policy("egress-type", "{matchLabels: {role: db}}", """
            policyTypes: [Egress]
              egress: [{}]
              ingress:
              - from: [{podSelector: {matchLabels: {role: nobody}}}]""");

    static final String EMPTY_INGRESS_LIST = policy("empty-ingress", "{matchLabels: {role: db}}",
            "policyTypes: [Ingress]\n  ingress: []");

    /** A rule with ports and no from: every source, on those ports. */
    static final String PORTS_ONLY = policy("db-port-80", "{matchLabels: {role: db}}", "ingress:\n  - ports: [{port: 80}]");

    static final String SCTP = policy("db-sctp", "{matchLabels: {role: db}}",
            "ingress:\n  - ports: [{protocol: SCTP, port: 9000}]");

    static final String IPV6_BLOCK = policy("db-v6", "{matchLabels: {role: db}}", """
            ingress:
              - from: [{ipBlock: {cidr: "fd00:17::/64", except: ["fd00:17::1:0/112"]}}]""");

    static final String IPV4_EVERYWHERE = policy("db-v4-only", "{matchLabels: {role: db}}",
            "ingress:\n  - from: [{ipBlock: {cidr: 0.0.0.0/0}}]");

    static final String NAMESPACE_BY_NAME = policy("from-myproject", "{matchLabels: {role: db}}", """
            ingress:
              - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: myproject}}}]""");

    static final String EXPRESSIONS = policy("expressions", """
            {matchExpressions: [{key: role, operator: In, values: [db, cache]}]}""", """
            ingress:
              - from:
                - podSelector:
                    matchExpressions:
                    - {key: role, operator: NotIn, values: [frontend]}
                    - {key: role, operator: Exists}
                    - {key: legacy, operator: DoesNotExist}""");

    /** A policy in {@code default} named {@code name}; {@code rest} continues the spec at two-space indent. */
    static String policy(String name, String podSelector, String rest) {
        return "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: " + name
                + ", namespace: default}\nspec:\n  podSelector: " + podSelector.strip() + "\n  " + rest + "\n";
    }
}
