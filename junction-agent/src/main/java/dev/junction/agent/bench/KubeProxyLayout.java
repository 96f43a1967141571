package dev.junction.agent.bench;

import dev.junction.model.Cidr;
import dev.junction.model.Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's services as kube-proxy's nftables mode lays them out on a cold start (an empty table), in the
 * {@code nft -f} text knftables writes: one command per line, one line per element, no comments. See
 * {@code shared/reference/kube-proxy.md} §5 ({@code pkg/proxy/nftables/proxier.go}):
 *
 * <ul>
 *   <li>table {@code ip kube-proxy}, its eight base chains at kube-proxy's priorities with their jumps, the
 *       static chains ({@code services}, {@code mark-for-masquerade}, {@code masquerading},
 *       {@code cluster-ips-check}, the endpoints and firewall checks, {@code reject-chain}) and the shared sets
 *       and verdict maps ({@code cluster-ips}, {@code service-ips}, {@code service-nodeports},
 *       {@code no-endpoint-*}, {@code firewall-ips});
 *   <li>per service port a chain {@code service-HASH-ns/name/tcp/port}: masquerade off-cluster clients, then
 *       {@code numgen random mod N vmap { 0 : goto endpoint-..., ... }} (a plain {@code goto} for one
 *       endpoint, as kube-proxy does since PR #140723);
 *   <li>per endpoint a chain {@code endpoint-HASH-ns/name/tcp/port__ip/port}: {@code ip saddr <ep> jump
 *       mark-for-masquerade} (hairpin) and {@code meta l4proto tcp dnat to ip:port};
 *   <li>per service the elements {@code cluster-ips { <ip> }} and {@code service-ips { <ip> . tcp . 80 : goto
 *       service-... }}.
 * </ul>
 *
 * Names use kube-proxy's {@code hashAndTruncate}: the first 8 characters of base32(sha256(base name)).
 */
final class KubeProxyLayout {
    static final String TABLE = "ip kube-proxy";

    /** What the text holds. */
    record Counts(long chains, long rules, long elements, long lines, long bytes) {}

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final Appendable out;
    private long chains;
    private long rules;
    private long elements;
    private long lines;
    private long bytes;

    private KubeProxyLayout(Appendable out) {
        this.out = out;
    }

    /** Writes the whole cold-start ruleset of {@code cluster} to {@code out}. */
    static Counts write(SyntheticCluster cluster, Appendable out) throws IOException {
        KubeProxyLayout w = new KubeProxyLayout(out);
        w.skeleton(SyntheticCluster.SERVICE_CIDR);
        Cidr podCidr = SyntheticCluster.CLUSTER_CIDR;
        for (int i = 0; i < cluster.services(); i++) {
            w.service(cluster, i, podCidr);
        }
        return new Counts(w.chains, w.rules, w.elements, w.lines, w.bytes);
    }

    private void skeleton(Cidr serviceCidr) throws IOException {
        line("add table " + TABLE);
        baseChain("filter-prerouting", "filter", "prerouting", -110);
        baseChain("filter-input", "filter", "input", -110);
        baseChain("filter-forward", "filter", "forward", -110);
        baseChain("filter-output", "filter", "output", -110);
        baseChain("filter-output-post-dnat", "filter", "output", -90);
        baseChain("nat-prerouting", "nat", "prerouting", -100);
        baseChain("nat-output", "nat", "output", -100);
        baseChain("nat-postrouting", "nat", "postrouting", 100);
        for (String c : List.of("services", "service-endpoints-check", "nodeport-endpoints-check", "firewall-check",
                "cluster-ips-check", "reject-chain", "mark-for-masquerade", "masquerading")) {
            chain(c);
        }
        line("add set " + TABLE + " cluster-ips { type ipv4_addr ; }");
        String svcKey = "ipv4_addr . inet_proto . inet_service";
        map("service-ips", svcKey);
        map("service-nodeports", "inet_proto . inet_service");
        map("no-endpoint-services", svcKey);
        map("no-endpoint-nodeports", "inet_proto . inet_service");
        map("firewall-ips", svcKey);

        rule("filter-prerouting", "ct state new jump firewall-check");
        rule("filter-input", "ct state new jump nodeport-endpoints-check");
        rule("filter-input", "ct state new jump service-endpoints-check");
        rule("filter-forward", "ct state new jump service-endpoints-check");
        rule("filter-forward", "ct state new jump cluster-ips-check");
        rule("filter-output", "ct state new jump service-endpoints-check");
        rule("filter-output", "ct state new jump firewall-check");
        rule("filter-output-post-dnat", "ct state new jump cluster-ips-check");
        rule("nat-prerouting", "jump services");
        rule("nat-output", "jump services");
        rule("nat-postrouting", "jump masquerading");
        rule("mark-for-masquerade", "mark set mark or 0x4000");
        rule("masquerading", "mark and 0x4000 == 0 return");
        rule("masquerading", "mark set mark xor 0x4000");
        rule("masquerading", "masquerade fully-random");
        rule("reject-chain", "reject");
        rule("cluster-ips-check", "ip daddr @cluster-ips reject");
        rule("cluster-ips-check", "ip daddr { " + serviceCidr + " } drop");
        rule("service-endpoints-check", "ip daddr . meta l4proto . th dport vmap @no-endpoint-services");
        rule("nodeport-endpoints-check",
                "fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @no-endpoint-nodeports");
        rule("firewall-check", "ip daddr . meta l4proto . th dport vmap @firewall-ips");
        rule("services", "ip daddr . meta l4proto . th dport vmap @service-ips");
        rule("services", "fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports");
    }

    private void service(SyntheticCluster cluster, int i, Cidr podCidr) throws IOException {
        String proto = "tcp";
        // kube-proxy's ServicePortName: the port's name, empty for the benchmark's single unnamed port.
        String base = cluster.service(i).key() + "/" + proto + "/";
        String svcChain = "service-" + hashAndTruncate(base);
        String cip = SyntheticCluster.clusterIp(i).toString();
        chain(svcChain);
        List<String> epChains = new ArrayList<>();
        for (Endpoint e : cluster.endpoints(i)) {
            String ep = e.ip() + ":" + SyntheticCluster.TARGET_PORT;
            String name = "endpoint-" + hashAndTruncate(base + "__" + e.ip() + "/" + SyntheticCluster.TARGET_PORT);
            chain(name);
            rule(name, "ip saddr " + e.ip() + " jump mark-for-masquerade");
            rule(name, "meta l4proto " + proto + " dnat to " + ep);
            epChains.add(name);
        }
        rule(svcChain, "ip daddr " + cip + " " + proto + " dport " + SyntheticCluster.PORT + " ip saddr != " + podCidr
                + " jump mark-for-masquerade");
        if (epChains.size() == 1) {
            rule(svcChain, "goto " + epChains.get(0));
        } else {
            StringBuilder vmap = new StringBuilder("numgen random mod ").append(epChains.size()).append(" vmap { ");
            for (int k = 0; k < epChains.size(); k++) {
                vmap.append(k == 0 ? "" : ", ").append(k).append(" : goto ").append(epChains.get(k));
            }
            rule(svcChain, vmap.append(" }").toString());
        }
        element("cluster-ips", cip);
        element("service-ips", cip + " . " + proto + " . " + SyntheticCluster.PORT + " : goto " + svcChain);
    }

    private void baseChain(String name, String type, String hook, int priority) throws IOException {
        chains++;
        line("add chain " + TABLE + " " + name + " { type " + type + " hook " + hook + " priority " + priority + " ; }");
    }

    private void chain(String name) throws IOException {
        chains++;
        line("add chain " + TABLE + " " + name);
    }

    private void map(String name, String keyType) throws IOException {
        line("add map " + TABLE + " " + name + " { type " + keyType + " : verdict ; }");
    }

    private void rule(String chain, String rule) throws IOException {
        rules++;
        line("add rule " + TABLE + " " + chain + " " + rule);
    }

    private void element(String set, String element) throws IOException {
        elements++;
        line("add element " + TABLE + " " + set + " { " + element + " }");
    }

    private void line(String s) throws IOException {
        out.append(s).append('\n');
        lines++;
        bytes += s.length() + 1; // ASCII only
    }

    /** kube-proxy's hashAndTruncate: base32(sha256(name))[:8] + "-" + name, cut to the chain name limit. */
    static String hashAndTruncate(String name) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long v = 0;
        for (int i = 0; i < 5; i++) {
            v = (v << 8) | (d[i] & 0xff);
        }
        char[] hash = new char[8];
        for (int i = 7; i >= 0; i--) {
            hash[i] = BASE32[(int) (v & 31)];
            v >>>= 5;
        }
        String out = new String(hash) + "-" + name;
        // NFT_CHAIN_MAXNAMELEN is 256 with the NUL; kube-proxy leaves room for its longest prefix ("endpoint-").
        int max = 256 - 1 - "endpoint-".length();
        return out.length() <= max ? out : out.substring(0, max - 3) + "...";
    }
}
