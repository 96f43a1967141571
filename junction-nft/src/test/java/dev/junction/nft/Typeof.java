package dev.junction.nft;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@code typeof} set declaration into the datatypes nft derives from it, for the expressions Junction
 * declares sets with: {@code ip daddr} (ipv4_addr), {@code ip6 daddr} (ipv6_addr), {@code th|tcp|udp|sctp dport}
 * (inet_service), {@code meta l4proto} (inet_proto), {@code meta mark} (mark), {@code numgen ...} (integer).
 */
final class Typeof {
    private Typeof() {}

    /** The key datatypes of a declaration ({@code typeof ...} or already a list of datatypes). */
    static String datatypes(String type) {
        String t = type.strip();
        if (!t.startsWith("typeof ")) {
            return t;
        }
        return convert(t.substring("typeof ".length()));
    }

    /** The value datatypes of a map: in a typeof map the value is given as expressions too. */
    static String datatypes(String keyType, String valueType) {
        return keyType.strip().startsWith("typeof ") ? convert(valueType) : valueType;
    }

    private static String convert(String exprs) {
        List<String> out = new ArrayList<>();
        for (String part : exprs.split(" \\. ")) {
            String p = part.strip();
            String[] w = p.split("\\s+");
            String dt;
            if (w[0].equals("ip") && w.length > 1 && (w[1].equals("daddr") || w[1].equals("saddr"))) {
                dt = "ipv4_addr";
            } else if (w[0].equals("ip6") && w.length > 1 && (w[1].equals("daddr") || w[1].equals("saddr"))) {
                dt = "ipv6_addr";
            } else if (w.length > 1 && (w[1].equals("dport") || w[1].equals("sport"))) {
                dt = "inet_service";
            } else if (p.equals("meta l4proto")) {
                dt = "inet_proto";
            } else if (p.equals("meta mark")) {
                dt = "mark";
            } else if (w[0].equals("numgen")) {
                dt = "integer";
            } else {
                throw new FakeRejection(FakeRejection.SYNTAX, "FakeNft does not know the type of expression " + p);
            }
            out.add(dt);
        }
        return String.join(" . ", out);
    }
}
