package dev.junction.nft;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which chain, set and map names nft 1.0.6 accepts as bare words. There is no quoting: 1.0.6 refuses a quoted
 * name both in {@code add chain ip t "x"} and in {@code jump "x"} ("unexpected quoted string, expecting
 * string"), so a name either lexes as one identifier or cannot be used at all.
 *
 * <p>Found against nft 1.0.6 (Debian 12) on kernel 6.18:
 * <ul>
 *   <li>first character a letter, {@code _} or {@code .}; then letters, digits, {@code / - _ .}
 *       ({@code service-ULMVA6XW-ns1/svc1/tcp/p80}, {@code endpoint-X-ns1/svc1/tcp/p80__10.180.0.1/80} work);
 *   <li>a leading digit, {@code -} or {@code /} is a syntax error;
 *   <li>{@code :} is a syntax error ({@code x:y}, {@code ns1/svc1:p80}, an IPv6 address); {@code a:b} happens
 *       to lex as a hex address and passes, which is nothing to rely on. IPv6 endpoint names must replace
 *       {@code :} (kube-proxy-style {@code .} or {@code _});
 *   <li>{@code #} starts a comment: {@code ab#c} silently creates chain {@code ab}. Never emit it;
 *   <li>{@code @ $ % = + , * ~}, spaces and quotes are syntax errors;
 *   <li>at most 255 bytes (256 gives "Numerical result out of range");
 *   <li>a name equal to a keyword is a syntax error ({@link #RESERVED}: {@code missing}, {@code tcp}, {@code all},
 *       {@code time} ...; {@code raw}, {@code nat}, {@code filter}, {@code service} are fine).
 *       A keyword inside a longer name ({@code tcp-x}, {@code a/tcp/p80}) is fine.
 * </ul>
 */
public final class NftNames {
    public static final int MAX_LENGTH = 255;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_.][A-Za-z0-9/_.\\-]*");

    /**
     * Words nft 1.0.6 refuses as a chain or set name in every family. Found by trying each token name in
     * libnftables' parser table (and a hand list) as {@code add chain ip|ip6|inet t WORD} and
     * {@code add set ip t WORD}; the refusals were the same everywhere.
     */
    static final Set<String> RESERVED = Set.of(
            "accept", "add", "ah", "all", "and", "arp", "auto-merge", "bridge", "cgroup", "chain", "comment", "comp",
            "constant", "continue", "counter", "cpu", "create", "ct", "day", "dccp", "define", "delete", "describe",
            "device", "devices", "dnat", "drop", "dst", "dup", "dynamic", "ecn", "element", "elements", "esp",
            "ether", "exists", "expires", "export", "exthdr", "fib", "flags", "flow", "flowtable", "flush", "frag",
            "fwd", "gc-interval", "get", "goto", "handle", "hbh", "hook", "hour", "ibriport", "ibrname", "icmp",
            "icmpv6", "igmp", "iif", "iifgroup", "iifname", "iiftype", "import", "include", "index", "inet",
            "insert", "interval", "ip", "ip6", "ipsec", "jhash", "jump", "limit", "list", "log", "map", "mark",
            "masquerade", "meta", "meter", "mh", "missing", "monitor", "netdev", "nftrace", "notrack", "numgen",
            "obriport", "obrname", "offload", "oif", "oifgroup", "oifname", "oiftype", "or", "osf", "pkttype",
            "policy", "position", "priority", "queue", "quota", "random", "redefine", "redirect", "reject", "rename",
            "replace", "reset", "return", "rt", "rt0", "rt2", "rtclassid", "rule", "ruleset", "sctp", "secmark",
            "set", "size", "skgid", "skuid", "snat", "socket", "srh", "symhash", "synproxy", "table", "tcp", "th",
            "time", "timeout", "tproxy", "type", "typeof", "udp", "udplite", "undefine", "update", "vlan", "vmap",
            "xor", "xt");

    private NftNames() {
    }

    /** Whether nft 1.0.6 takes {@code name} as a chain, set or map name exactly as written. */
    public static boolean isValid(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH
                && IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name);
    }

    /** Returns {@code name}, or throws IllegalArgumentException saying why nft would not take it. */
    public static String requireValid(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("not a valid nft 1.0.6 name (letters, digits, / - _ . ; no leading "
                    + "digit, no ':', '#' or quotes; at most " + MAX_LENGTH + " characters; not a keyword): " + name);
        }
        return name;
    }
}
