package dev.junction.nft;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Batches the kernel accepts or refuses, each on top of {@link #setup()}. The expected outcome of every case
 * was observed on kernel 6.18 with nft 1.0.6, and {@code FakeVsKernelTest} re-checks it against the kernel on
 * every build; {@code FakeNftTest} holds the fake to the same table without root.
 */
final class StrictnessCases {
    static final TableRef T = new TableRef(Family.IP, "jtest");
    static final TableRef MISSING = new TableRef(Family.IP, "jmissing");
    static final String SVC_MAP_TYPE = "ipv4_addr . inet_proto . inet_service";

    /** One batch and whether the kernel takes it. */
    record Case(String name, TableRef table, Consumer<Transaction> batch, boolean ok) {
        Transaction transaction() {
            Transaction tx = new Transaction(table);
            batch.accept(tx);
            return tx;
        }

        @Override
        public String toString() {
            return (ok ? "accepts: " : "refuses: ") + name;
        }
    }

    private StrictnessCases() {
    }

    /** The state every case starts from. */
    static Transaction setup() {
        return new Transaction(T)
                .addTable()
                .addChain("a")
                .addChain("b")
                .addChain("withrule")
                .addRule("withrule", "counter")
                .addBaseChain("nat-prerouting", "nat", "prerouting", -100)
                .addMap("m", SVC_MAP_TYPE, "verdict")
                .addSet("s", "ipv4_addr", null, 0)
                .addSet("s6", "ipv6_addr", null, 0)
                .addSet("iv", "ipv4_addr", "interval", 0)
                .addSet("pv", "inet_service", "interval", 0)
                .addSet("dt", "ipv4_addr", "dynamic,timeout", 10800)
                .addRule("nat-prerouting", "ip daddr . meta l4proto . th dport vmap @m")
                .addElement("m", "10.0.0.1 . tcp . 80", "goto a")
                .addElement("s", "1.1.1.1")
                .addElement("s6", "fd00::1")
                .addElement("iv", "10.0.0.0/8")
                .addElement("iv", "192.168.0.0/16")
                .addElement("pv", "80-90");
    }

    static List<Case> all() {
        List<Case> c = new ArrayList<>();
        // jump / goto targets: must exist at that point of the batch, must not be a base chain
        c.add(no("rule jumps to a missing chain", tx -> tx.addRule("a", "jump zz")));
        c.add(no("rule jumps to a chain created later in the batch", tx -> tx.addRule("a", "goto c").addChain("c")));
        c.add(ok("rule jumps to a chain created earlier in the batch", tx -> tx.addChain("c").addRule("a", "goto c")));
        c.add(no("anonymous vmap goes to a missing chain",
                tx -> tx.addRule("a", "numgen random mod 2 vmap { 0 : goto a2, 1 : goto b }")));
        c.add(ok("anonymous vmap to existing chains",
                tx -> tx.addRule("a", "numgen random mod 2 vmap { 0 : goto b, 1 : goto withrule }")));
        c.add(no("map element goes to a missing chain", tx -> tx.addElement("m", "10.0.0.2 . tcp . 80", "goto zz")));
        c.add(no("map element jumps to a missing chain", tx -> tx.addElement("m", "10.0.0.2 . tcp . 80", "jump zz")));
        c.add(no("rule jumps to a base chain", tx -> tx.addRule("a", "jump nat-prerouting")));
        c.add(no("map element jumps to a base chain",
                tx -> tx.addElement("m", "10.0.0.2 . tcp . 80", "jump nat-prerouting")));
        c.add(ok("a comment mentioning a missing chain", tx -> tx.addRule("a", "counter comment \"jump zz\"")));
        // set references
        c.add(no("rule looks up a missing set", tx -> tx.addRule("a", "ip saddr @zz drop")));
        c.add(no("rule vmaps a missing map", tx -> tx.addRule("a", "ip daddr . meta l4proto . th dport vmap @zz")));
        c.add(no("vmap on a plain set", tx -> tx.addRule("a", "ip daddr vmap @s")));
        // A lookup in a verdict map counts as jumps to the map's chains: m goes to a, so a looking up m loops.
        c.add(no("lookup in a verdict map that goes back to the chain",
                tx -> tx.addRule("a", "ip daddr . meta l4proto . th dport @m accept")));
        c.add(ok("lookup in a verdict map from another chain",
                tx -> tx.addRule("b", "ip daddr . meta l4proto . th dport @m accept")));
        c.add(ok("update of a dynamic set", tx -> tx.addRule("a", "update @dt { ip saddr }")));
        c.add(no("set deleted then referenced", tx -> tx.deleteSet("s").addRule("b", "ip saddr @s drop")));
        // elements
        c.add(no("element into a missing set", tx -> tx.addElement("zz", "1.2.3.4")));
        c.add(no("delete of a missing element", tx -> tx.deleteElement("s", "9.9.9.9")));
        c.add(no("delete of a missing map element", tx -> tx.deleteElement("m", "10.9.0.1 . tcp . 80")));
        c.add(no("delete of one element twice", tx -> tx.deleteElement("s", "1.1.1.1").deleteElement("s", "1.1.1.1")));
        c.add(ok("delete then re-add with another value",
                tx -> tx.deleteElement("m", "10.0.0.1 . tcp . 80").addElement("m", "10.0.0.1 . tcp . 80", "goto b")));
        c.add(ok("add then delete in one batch", tx -> tx.addElement("s", "2.2.2.2").deleteElement("s", "2.2.2.2")));
        c.add(ok("map key again with the same value", tx -> tx.addElement("m", "10.0.0.1 . tcp . 80", "goto a")));
        c.add(no("map key again with another value", tx -> tx.addElement("m", "10.0.0.1 . tcp . 80", "goto b")));
        c.add(no("map key again with jump instead of goto", tx -> tx.addElement("m", "10.0.0.1 . tcp . 80", "jump a")));
        c.add(ok("map key again, protocol as a number", tx -> tx.addElement("m", "10.0.0.1 . 6 . 80", "goto a")));
        c.add(no("new key twice in one command, two values",
                tx -> tx.addElement("m", "10.0.0.2 . tcp . 80", "goto a").addElement("m", "10.0.0.2 . tcp . 80", "goto b")));
        c.add(ok("new key twice in one command, one value",
                tx -> tx.addElement("m", "10.0.0.3 . tcp . 80", "goto a").addElement("m", "10.0.0.3 . tcp . 80", "goto a")));
        c.add(ok("plain set element again", tx -> tx.addElement("s", "1.1.1.1")));
        c.add(ok("timeout set element again", tx -> tx.addElement("dt", "2.2.2.2").addChain("c").addElement("dt", "2.2.2.2")));
        c.add(ok("IPv6 element again in another spelling", tx -> tx.addElement("s6", "fd00:0:0::1")));
        c.add(ok("IPv6 element deleted in another spelling", tx -> tx.deleteElement("s6", "FD00:0::0:1")));
        c.add(ok("IPv6 spellings are stored the way nft lists them", tx -> {
            for (String a : new String[] {"2001:db8:0:0:1:0:0:1", "::ffff:10.0.0.1", "0:0:0:0:0:ffff:a00:2",
                "::1.2.3.4", "fe80:0000::0202:b3ff:fe1e:8329", "1:0:0:2:0:0:0:3", "1::", "::"}) {
                tx.addElement("s6", a);
            }
        }));
        c.add(ok("IPv6 and concatenated interval sets", tx -> tx
                .addSet("iv6", "ipv6_addr", "interval", 0)
                .addElement("iv6", "fd00::1/8").addElement("iv6", "2001:db8::-2001:db8::ffff")
                .addElement("iv6", "2001:db8:1::5-2001:db8:1::9").addElement("iv6", "::1/128")
                .addSet("ci", "ipv4_addr . inet_service", "interval", 0)
                .addElement("ci", "10.0.0.0/8 . 80-90").addElement("ci", "192.168.0.1 . 443")));
        c.add(ok("protocol numbers are listed by name", tx -> tx
                .addElement("m", "10.0.0.5 . 17 . 53", "drop").addElement("m", "10.0.0.6 . 132 . 9", "accept")
                .addElement("m", "10.0.0.7 . 1 . 0", "drop").addElement("m", "10.0.0.8 . 253 . 1", "drop")));
        c.add(no("map element without a value", tx -> tx.addElement("m", "10.0.0.9 . tcp . 80")));
        c.add(no("set element with a value", tx -> tx.addElement("s", "1.2.3.4", "drop")));
        c.add(no("key with too few parts", tx -> tx.addElement("m", "10.0.0.9 . tcp", "drop")));
        c.add(no("key of the wrong type", tx -> tx.addElement("s", "10.0.0.1 . tcp . 80")));
        c.add(no("not an address (nft would try DNS)", tx -> tx.addElement("s", "300.1.1.1")));
        // interval sets
        c.add(ok("the same prefix again", tx -> tx.addElement("iv", "10.0.0.0/8")));
        c.add(ok("the same prefix with host bits", tx -> tx.addElement("iv", "10.1.2.3/8")));
        c.add(no("a prefix inside an existing one", tx -> tx.addElement("iv", "10.1.0.0/16")));
        c.add(no("a prefix around an existing one", tx -> tx.addElement("iv", "10.0.0.0/7")));
        c.add(no("an address inside an existing prefix", tx -> tx.addElement("iv", "10.0.0.5")));
        c.add(ok("an adjacent prefix", tx -> tx.addElement("iv", "11.0.0.0/8")));
        c.add(no("two overlapping prefixes in one batch", tx -> tx.addElement("iv", "11.0.0.0/8").addChain("c")
                .addElement("iv", "11.1.0.0/16")));
        c.add(ok("a range that is a prefix", tx -> tx.addElement("iv", "11.0.0.0-11.0.0.255")));
        c.add(ok("a range that is not a prefix", tx -> tx.addElement("iv", "11.0.0.3-11.0.0.9")));
        c.add(ok("flush, then a formerly overlapping prefix", tx -> tx.flushSet("iv").addElement("iv", "10.1.0.0/16")));
        c.add(ok("delete, then a formerly overlapping prefix",
                tx -> tx.deleteElement("iv", "10.0.0.0/8").addElement("iv", "10.1.0.0/16")));
        c.add(no("delete of a prefix inside a stored one", tx -> tx.deleteElement("iv", "10.1.0.0/16")));
        c.add(ok("delete of a prefix given with host bits", tx -> tx.deleteElement("iv", "10.0.0.1/8")));
        c.add(no("a port inside a stored range", tx -> tx.addElement("pv", "85")));
        c.add(ok("the same port range again", tx -> tx.addElement("pv", "80-90")));
        c.add(ok("a port range that is prefix aligned", tx -> tx.addElement("pv", "96-111")));
        c.add(no("a prefix in a plain set", tx -> tx.addElement("s", "11.0.0.0/8")));
        // chains
        c.add(ok("delete of a chain that has rules (recursive)", tx -> tx.deleteChain("withrule")));
        c.add(ok("flush then delete of a chain", tx -> tx.flushChain("withrule").deleteChain("withrule")));
        c.add(no("delete of a chain a map element goes to", tx -> tx.deleteChain("a")));
        c.add(ok("delete of the element, then of the chain",
                tx -> tx.deleteElement("m", "10.0.0.1 . tcp . 80").deleteChain("a")));
        c.add(no("delete of a chain a rule jumps to", tx -> tx.addRule("b", "jump a")
                .deleteElement("m", "10.0.0.1 . tcp . 80").deleteChain("a")));
        c.add(ok("flush of the referring chain, then delete",
                tx -> tx.addRule("withrule", "jump b").flushChain("withrule").deleteChain("b")));
        c.add(no("delete of a chain an anonymous vmap goes to",
                tx -> tx.addRule("withrule", "numgen random mod 2 vmap { 0 : goto b, 1 : goto b }").deleteChain("b")));
        c.add(no("delete of a chain that jumps to itself", tx -> tx.addRule("b", "jump b").deleteChain("b")));
        c.add(ok("flush of a self-jumping chain, then delete",
                tx -> tx.addRule("b", "jump b").flushChain("b").deleteChain("b")));
        c.add(ok("delete then re-add of a chain",
                tx -> tx.deleteElement("m", "10.0.0.1 . tcp . 80").deleteChain("a").addChain("a")));
        c.add(no("delete of a chain, then a jump to it",
                tx -> tx.deleteElement("m", "10.0.0.1 . tcp . 80").deleteChain("a").addRule("b", "jump a")));
        c.add(no("delete of a missing chain", tx -> tx.deleteChain("zz")));
        c.add(no("flush of a missing chain", tx -> tx.flushChain("zz")));
        c.add(no("rule into a missing chain", tx -> tx.addRule("zz", "counter")));
        c.add(ok("add of an existing chain", tx -> tx.addChain("a")));
        c.add(no("existing chain re-added as a base chain", tx -> tx.addBaseChain("a", "nat", "prerouting", -100)));
        c.add(ok("base chain re-added the same", tx -> tx.addBaseChain("nat-prerouting", "nat", "prerouting", -100)));
        c.add(ok("base chain re-added as a regular chain", tx -> tx.addChain("nat-prerouting")));
        c.add(no("base chain re-added with another priority",
                tx -> tx.addBaseChain("nat-prerouting", "nat", "prerouting", 0)));
        c.add(ok("chain names with / . _ -", tx -> tx.addChain("endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80")));
        c.add(no("chain name with a colon", tx -> tx.addChain("ns1/svc1:p80")));
        c.add(no("chain name that is a keyword", tx -> tx.addChain("fwd")));
        c.add(ok("jump loop between chains no base chain reaches", tx -> tx.addChain("c").addChain("d")
                .addRule("c", "jump d").addRule("d", "jump c")));
        c.add(ok("self jump no base chain reaches", tx -> tx.addRule("b", "jump b")));
        c.add(no("jump loop below a base chain", tx -> tx.addRule("nat-prerouting", "jump b").addRule("b", "jump withrule")
                .addRule("withrule", "jump b")));
        c.add(no("jump loop through a verdict map", tx -> tx.addRule("a", "jump b").addRule("b", "goto a")));
        c.add(ok("15 jumps below a base chain", tx -> jumpChain(tx, 15)));
        c.add(no("16 jumps below a base chain", tx -> jumpChain(tx, 16)));
        // sets and maps
        c.add(ok("add of an existing set, same definition", tx -> tx.addSet("s", "ipv4_addr", null, 0)));
        c.add(no("add of an existing set, another type", tx -> tx.addSet("s", "ipv6_addr", null, 0)));
        c.add(no("add of an existing set, another flag", tx -> tx.addSet("s", "ipv4_addr", "interval", 0)));
        c.add(no("add of an existing map as a set", tx -> tx.addSet("m", SVC_MAP_TYPE, null, 0)));
        c.add(ok("add of an existing timeout set, another timeout", tx -> tx.addSet("dt", "ipv4_addr", "dynamic,timeout", 60)));
        c.add(no("add of a set with an unknown type", tx -> tx.addSet("u", "foo_addr", null, 0)));
        c.add(ok("a set may share a chain's name", tx -> tx.addSet("a", "ipv4_addr", null, 0)));
        c.add(no("flush set on a map", tx -> tx.flushSet("m")));
        c.add(ok("flush map on a map, then delete of the chain", tx -> tx.flushMap("m").deleteChain("a")));
        c.add(no("flush map on a set", tx -> tx.flushMap("s")));
        c.add(no("flush of a missing set", tx -> tx.flushSet("zz")));
        c.add(no("delete of a set a rule uses", tx -> tx.addRule("a", "ip saddr @s drop").deleteSet("s")));
        c.add(no("delete of a map a rule uses", tx -> tx.deleteSet("m")));
        c.add(ok("delete of a set with elements", tx -> tx.deleteSet("s")));
        c.add(ok("delete of a map with 'delete set'", tx -> tx.flushChain("nat-prerouting").deleteSet("m")));
        c.add(no("delete of a missing set", tx -> tx.deleteSet("zz")));
        // tables
        c.add(ok("add of an existing table", Transaction::addTable));
        c.add(ok("delete then re-create of the table", tx -> tx.deleteTable().addTable().addChain("a")));
        c.add(no("delete of a missing table", MISSING, Transaction::deleteTable));
        c.add(no("chain in a missing table", MISSING, tx -> tx.addChain("a")));
        c.add(no("rule in a missing table", MISSING, tx -> tx.addRule("a", "counter")));
        c.add(no("set in a missing table", MISSING, tx -> tx.addSet("s", "ipv4_addr", null, 0)));
        c.add(no("element in a missing table", MISSING, tx -> tx.addElement("s", "1.1.1.1")));
        c.add(no("flush of a chain in a missing table", MISSING, tx -> tx.flushChain("a")));
        // atomicity: a good prefix does not survive a bad tail
        c.add(no("good operations then a bad one", tx -> tx.addChain("c").addElement("s", "3.3.3.3")
                .addRule("c", "jump zz")));
        return c;
    }

    /** nat-prerouting -> d1 -> d2 ... -> dN through jumps: depth N. */
    private static void jumpChain(Transaction tx, int depth) {
        for (int i = 1; i <= depth; i++) {
            tx.addChain("d" + i);
        }
        for (int i = 1; i < depth; i++) {
            tx.addRule("d" + i, "jump d" + (i + 1));
        }
        tx.addRule("nat-prerouting", "jump d1");
    }

    private static Case ok(String name, Consumer<Transaction> batch) {
        return new Case(name, T, batch, true);
    }

    private static Case no(String name, Consumer<Transaction> batch) {
        return new Case(name, T, batch, false);
    }

    private static Case no(String name, TableRef table, Consumer<Transaction> batch) {
        return new Case(name, table, batch, false);
    }
}
