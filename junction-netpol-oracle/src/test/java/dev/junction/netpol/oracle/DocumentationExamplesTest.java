package dev.junction.netpol.oracle;

import static dev.junction.netpol.oracle.DocumentedPolicies.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documentation's examples as a table: each row names the policies in force, a flow, the expected verdict and
 * the explanation line that must say why. Cluster and IP plan: {@link DocumentedPolicies#cluster()}.
 */
@Tag("unit")
class DocumentationExamplesTest {

    record Case(String name, String policies, String from, String to, int port, String protocol, IpFamily family,
                boolean allowed, String because) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case allow(String name, String policies, String from, String to, int port, String protocol, String because) {
        return new Case(name, policies, from, to, port, protocol, null, true, because);
    }

    static Case deny(String name, String policies, String from, String to, int port, String protocol, String because) {
        return new Case(name, policies, from, to, port, protocol, null, false, because);
    }

    static Stream<Case> cases() {
        String dbDenied = "ingress of default/db: denied — selected by default/test-network-policy (no rule matches)";
        return Stream.of(
                allow("canonical: frontend in the policy's namespace reaches db on 6379", CANONICAL, "default/frontend", "default/db", 6379, "TCP",
                        "ingress of default/db: allowed by default/test-network-policy rule 0 (from: podSelector role=frontend; port 6379/TCP)"),
                allow("canonical: any pod of a project=myproject namespace", CANONICAL, "myproject/any", "default/db", 6379, "TCP",
                        "allowed by default/test-network-policy rule 0 (from: namespaceSelector project=myproject; port 6379/TCP)"),
                allow("canonical: an address inside the ipBlock", CANONICAL, "172.17.0.5", "default/db", 6379, "TCP",
                        "rule 0 (from: ipBlock 172.17.0.0/16 except 172.17.1.0/24; port 6379/TCP)"),
                deny("canonical: an address in except", CANONICAL, "172.17.1.5", "default/db", 6379, "TCP", dbDenied),
                allow("canonical: ipBlock matches a pod IP too (decision)", CANONICAL, "other/in-block", "default/db", 6379, "TCP",
                        "(from: ipBlock 172.17.0.0/16 except 172.17.1.0/24; port 6379/TCP)"),
                deny("canonical: podSelector alone means the policy's namespace", CANONICAL, "other/frontend", "default/db", 6379, "TCP", dbDenied),
                deny("canonical: another port", CANONICAL, "default/frontend", "default/db", 6380, "TCP", dbDenied),
                deny("canonical: another protocol", CANONICAL, "default/frontend", "default/db", 6379, "UDP", dbDenied),
                allow("canonical: db egress to 10.0.0.0/24 on 5978", CANONICAL, "default/db", "10.0.0.7", 5978, "TCP",
                        "egress of default/db: allowed by default/test-network-policy rule 0 (to: ipBlock 10.0.0.0/24; port 5978/TCP)"),
                deny("canonical: db egress outside the block", CANONICAL, "default/db", "10.0.1.7", 5978, "TCP",
                        "egress of default/db: denied — selected by default/test-network-policy (no rule matches)"),
                deny("canonical: db egress to a pod", CANONICAL, "default/db", "default/frontend", 80, "TCP",
                        "egress of default/db: denied — selected by default/test-network-policy (no rule matches)"),
                allow("canonical: unselected pods stay open", CANONICAL, "default/frontend", "default/plain", 80, "TCP",
                        "egress of default/frontend: no policy selects this pod for egress: open"),

                allow("AND form: role=client in a user=alice namespace", AND_FORM, "alice/client", "default/db", 80, "TCP",
                        "allowed by default/alice-clients rule 0 (from: namespaceSelector user=alice and podSelector role=client; any port)"),
                deny("AND form: another pod of alice", AND_FORM, "alice/server", "default/db", 80, "TCP",
                        "ingress of default/db: denied — selected by default/alice-clients (no rule matches)"),
                deny("AND form: role=client outside alice", AND_FORM, "default/client", "default/db", 80, "TCP",
                        "denied — selected by default/alice-clients"),
                deny("AND form: role=client of bob", AND_FORM, "bob/client", "default/db", 80, "TCP", "denied — selected by default/alice-clients"),
                allow("OR form: any pod of alice", OR_FORM, "alice/server", "default/db", 80, "TCP",
                        "rule 0 (from: namespaceSelector user=alice; any port)"),
                allow("OR form: role=client of the policy's namespace", OR_FORM, "default/client", "default/db", 80, "TCP",
                        "rule 0 (from: podSelector role=client; any port)"),
                deny("OR form: role=client of bob", OR_FORM, "bob/client", "default/db", 80, "TCP", "denied — selected by default/alice-or-clients"),

                deny("default deny ingress", DENY_INGRESS, "default/frontend", "default/db", 80, "TCP",
                        "ingress of default/db: denied — selected by default/default-deny-ingress (no rule matches)"),
                deny("default deny ingress: external clients too", DENY_INGRESS, "203.0.113.9", "default/db", 80, "TCP",
                        "ingress of default/db: denied"),
                allow("default deny ingress leaves egress open", DENY_INGRESS, "default/db", "203.0.113.9", 80, "TCP",
                        "egress of default/db: no policy selects this pod for egress: open"),
                allow("default deny ingress: other namespaces unaffected", DENY_INGRESS, "default/frontend", "other/frontend", 80, "TCP",
                        "ingress of other/frontend: no policy selects this pod for ingress: open"),
                allow("allow all ingress wins over default deny (union)", DENY_INGRESS + "---\n" + ALLOW_ALL_INGRESS, "default/frontend", "default/db", 80, "TCP",
                        "ingress of default/db: allowed by default/allow-all-ingress rule 0 (from: any source; any port)"),
                deny("default deny egress", DENY_EGRESS, "default/db", "203.0.113.9", 443, "TCP",
                        "egress of default/db: denied — selected by default/default-deny-egress (no rule matches)"),
                allow("default deny egress leaves ingress open", DENY_EGRESS, "203.0.113.9", "default/db", 80, "TCP",
                        "ingress of default/db: no policy selects this pod for ingress: open"),
                allow("allow all egress wins over default deny", DENY_EGRESS + "---\n" + ALLOW_ALL_EGRESS, "default/db", "8.8.8.8", 53, "UDP",
                        "egress of default/db: allowed by default/allow-all-egress rule 0 (to: any destination; any port)"),
                deny("default deny all: egress of the source", DENY_ALL, "default/frontend", "default/db", 80, "TCP",
                        "egress of default/frontend: denied — selected by default/default-deny-all (no rule matches)"),
                deny("default deny all: ingress of the destination", DENY_ALL, "default/frontend", "default/db", 80, "TCP",
                        "ingress of default/db: denied — selected by default/default-deny-all (no rule matches)"),

                allow("endPort: first port of the range", END_PORT, "default/db", "10.0.0.1", 32000, "TCP",
                        "egress of default/db: allowed by default/multi-port-egress rule 0 (to: ipBlock 10.0.0.0/24; ports 32000-32768/TCP)"),
                allow("endPort: last port of the range", END_PORT, "default/db", "10.0.0.1", 32768, "TCP", "ports 32000-32768/TCP"),
                deny("endPort: one past the range", END_PORT, "default/db", "10.0.0.1", 32769, "TCP", "egress of default/db: denied"),
                deny("endPort: one before the range", END_PORT, "default/db", "10.0.0.1", 31999, "TCP", "egress of default/db: denied"),
                deny("endPort: another protocol", END_PORT, "default/db", "10.0.0.1", 32000, "UDP", "egress of default/db: denied"),

                allow("named port: http is 80 on web", NAMED_PORT, "default/frontend", "default/web", 80, "TCP",
                        "ingress of default/web: allowed by default/web-by-name rule 0 (from: any source; port http/TCP)"),
                deny("named port: 81 is not http on web", NAMED_PORT, "default/frontend", "default/web", 81, "TCP",
                        "ingress of default/web: denied — selected by default/web-by-name (no rule matches)"),
                allow("named port: http is 8080 on web-alt", NAMED_PORT, "default/frontend", "default/web-alt", 8080, "TCP", "port http/TCP"),
                deny("named port: 80 is not http on web-alt", NAMED_PORT, "default/frontend", "default/web-alt", 80, "TCP", "denied"),
                deny("named port: web-unnamed declares no http", NAMED_PORT, "default/frontend", "default/web-unnamed", 80, "TCP", "denied"),
                allow("named port: dns over UDP", NAMED_PORT, "default/frontend", "default/web", 53, "UDP",
                        "rule 1 (from: any source; port dns/UDP)"),
                allow("named port in egress resolves on the destination", EGRESS_NAMED_PORT, "default/frontend", "default/web-alt", 8080, "TCP",
                        "egress of default/frontend: allowed by default/frontend-out-by-name rule 0 (to: any destination; port http/TCP)"),
                deny("named port in egress: not http on that destination", EGRESS_NAMED_PORT, "default/frontend", "default/web-alt", 80, "TCP",
                        "egress of default/frontend: denied"),
                deny("named port in egress: an external address declares no ports", EGRESS_NAMED_PORT, "default/frontend", "203.0.113.9", 80, "TCP",
                        "egress of default/frontend: denied"),

                allow("policyTypes implied: egress rules make it an egress policy", IMPLIED_BOTH, "default/db", "default/frontend", 80, "TCP",
                        "egress of default/db: allowed by default/egress-rules-only rule 0 (to: podSelector role=frontend; port 80/TCP)"),
                deny("policyTypes implied: and it isolates ingress", IMPLIED_BOTH, "default/frontend", "default/db", 80, "TCP",
                        "ingress of default/db: denied — selected by default/egress-rules-only (no rule matches)"),
                allow("policyTypes implied: ingress rules only leave egress open", IMPLIED_INGRESS, "default/db", "8.8.8.8", 443, "TCP",
                        "egress of default/db: no policy selects this pod for egress: open"),
                allow("policyTypes Egress: ingress rules are ignored", EGRESS_TYPE_WITH_INGRESS_RULES, "default/frontend", "default/db", 80, "TCP",
                        "ingress of default/db: no policy selects this pod for ingress: open"),
                deny("ingress: [] with policyTypes Ingress denies", EMPTY_INGRESS_LIST, "default/frontend", "default/db", 80, "TCP",
                        "ingress of default/db: denied — selected by default/empty-ingress (no rule matches)"),
                allow("a rule without from matches every source", PORTS_ONLY, "203.0.113.9", "default/db", 80, "TCP",
                        "rule 0 (from: any source; port 80/TCP)"),
                deny("a rule without from still needs its port", PORTS_ONLY, "203.0.113.9", "default/db", 81, "TCP", "denied"),
                allow("SCTP", SCTP, "default/frontend", "default/db", 9000, "SCTP", "rule 0 (from: any source; port 9000/SCTP)"),
                deny("SCTP port does not open TCP", SCTP, "default/frontend", "default/db", 9000, "TCP", "denied"),
                allow("IPv6 ipBlock", IPV6_BLOCK, "fd00:17::5", "default/db", 80, "TCP",
                        "rule 0 (from: ipBlock fd00:17::/64 except fd00:17::1:0/112; any port)"),
                deny("IPv6 ipBlock except", IPV6_BLOCK, "fd00:17::1:5", "default/db", 80, "TCP", "denied"),
                new Case("an IPv4 ipBlock does not match an IPv6 flow", IPV4_EVERYWHERE, "default/frontend", "default/db", 80, "TCP",
                        IpFamily.IPV6, false, "ingress of default/db: denied — selected by default/db-v4-only"),
                allow("the same flow over IPv4", IPV4_EVERYWHERE, "default/frontend", "default/db", 80, "TCP",
                        "rule 0 (from: ipBlock 0.0.0.0/0; any port)"),
                allow("namespace by name (kubernetes.io/metadata.name)", NAMESPACE_BY_NAME, "myproject/any", "default/db", 80, "TCP",
                        "(from: namespaceSelector kubernetes.io/metadata.name=myproject; any port)"),
                deny("namespace by name: another namespace", NAMESPACE_BY_NAME, "other/frontend", "default/db", 80, "TCP", "denied"),
                allow("matchExpressions", EXPRESSIONS, "default/client", "default/db", 80, "TCP",
                        "(from: podSelector role notin (frontend), role, !legacy; any port)"),
                deny("matchExpressions: NotIn excludes", EXPRESSIONS, "default/frontend", "default/db", 80, "TCP", "denied"),
                deny("matchExpressions: Exists requires the key", EXPRESSIONS, "default/plain", "default/db", 80, "TCP", "denied"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsTheDocumentationSays(Case c) {
        PolicyOracle oracle = DocumentedPolicies.cluster().policies(c.policies()).oracle();
        assertThat(oracle.invalidPolicies()).isEmpty();
        Verdict v = oracle.decide(TestCluster.peer(c.from()), TestCluster.peer(c.to()), c.port(), c.protocol(), c.family());
        assertThat(v.allowed()).as("%s", v).isEqualTo(c.allowed());
        assertThat(v.explain()).as("%s", v).anySatisfy(line -> assertThat(line).contains(c.because()));
    }
}
