package dev.junction.firewall;

import dev.junction.firewall.FirewallTracer.Packet;
import dev.junction.nft.Canonical;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The rule shapes {@link FirewallTracer} knows, parsed word by word from the rule text; any other word or order is an
 * {@link IllegalStateException} naming the rule. See the tracer for the list.
 */
final class TracedRules {
    private TracedRules() {}

    /** A packet field a rule matches or looks up. */
    enum Field { SADDR, DADDR, L4PROTO, DPORT }

    sealed interface Action {}
    /** No verdict (only no-op statements): go on with the next rule. */
    record Continue() implements Action {}
    /** accept, drop, return or {@code jump X}. */
    record Final(String verdict) implements Action {}
    /** {@code KEY vmap @map}: the verdict of the matching element, if any. */
    record Vmap(List<Field> key, String map) implements Action {}

    record Rule(String text, List<Predicate<Packet>> matches, Action action) {}

    /** A declared set's key type parts and whether it is a (verdict) map. */
    record SetType(List<String> type, boolean isMap) {}

    /** The table's sets as the parser needs them. */
    interface Sets {
        /** The set's declaration, or null. */
        SetType type(String name);

        /** The values of the elements of {@code set} matching the packet's key ("" in a plain set). */
        List<String> hits(String set, List<Field> key, Packet p);
    }

    private static final Set<String> CT_STATES = Set.of("new", "established", "related", "invalid", "untracked");
    private static final Pattern TOKEN = Pattern.compile("\"[^\"]*\"|\\S+");

    static Rule parse(String text, String ip, String addrType, Sets sets) {
        try {
            return new Parser(text, ip, addrType, sets).rule();
        } catch (IllegalArgumentException e) { // a value Canonical refuses: a word where a value should be
            throw new IllegalStateException("FirewallTracer does not know this rule shape (" + e.getMessage() + "): "
                    + text, e);
        }
    }

    /** Whether one key part of an element (a value, a prefix or a range) covers the packet's value. */
    static boolean partMatches(String type, String element, String value) {
        if (type.equals("inet_proto")) {
            return Canonical.protocol(element).equals(Canonical.protocol(value));
        }
        if (!Set.of("ipv4_addr", "ipv6_addr", "inet_service").contains(type)) {
            throw new IllegalStateException("the tracer cannot compare values of type " + type);
        }
        Canonical.Range r = Canonical.rangeOf(type, element);
        BigInteger x = Canonical.rangeOf(type, value).lo();
        return r.lo().compareTo(x) <= 0 && x.compareTo(r.hi()) <= 0;
    }

    static String value(Field f, Packet p) {
        return switch (f) {
            case SADDR -> p.saddr();
            case DADDR -> p.daddr();
            case L4PROTO -> p.protocol();
            case DPORT -> Integer.toString(p.dport());
        };
    }

    static String typeOf(Field f, String addrType) {
        return switch (f) {
            case SADDR, DADDR -> addrType;
            case L4PROTO -> "inet_proto";
            case DPORT -> "inet_service";
        };
    }

    /** One rule's words, consumed left to right: matches, then no-op statements, a verdict, a comment. */
    private static final class Parser {
        private final String text;
        private final List<String> t = new ArrayList<>();
        private final List<Predicate<Packet>> matches = new ArrayList<>();
        private int i;
        private boolean statements;
        private Action action;

        private final String ip;
        private final String addrType;
        private final Sets sets;

        Parser(String text, String ip, String addrType, Sets sets) {
            this.text = text;
            this.ip = ip;
            this.addrType = addrType;
            this.sets = sets;
            TOKEN.matcher(text).results().forEach(m -> t.add(m.group()));
        }

        Rule rule() {
            while (i < t.size()) {
                String w = next();
                if (w.equals("comment") && i == t.size() - 1 && t.get(i).startsWith("\"")) {
                    break;
                }
                if (action != null) {
                    throw unknown("'" + w + "' after the verdict");
                }
                switch (w) {
                    case "accept", "drop", "return" -> action = new Final(w);
                    case "jump" -> action = new Final("jump " + next());
                    case "limit" -> {
                        statements = true;
                        expect("rate");
                        String rate = next();
                        expect("burst");
                        String burst = next();
                        expect("packets");
                        if (!rate.matches("\\d+/(second|minute|hour|day)") || !burst.matches("\\d+")) {
                            throw unknown("limit " + rate + " burst " + burst);
                        }
                    }
                    case "log" -> {
                        statements = true;
                        if (peek("prefix")) {
                            next();
                            if (!next().matches("\"[^\"]*\"")) {
                                throw unknown("log prefix not quoted");
                            }
                        }
                        if (peek("group")) {
                            next();
                            if (!next().matches("\\d+")) {
                                throw unknown("log group");
                            }
                        }
                    }
                    default -> match(w);
                }
            }
            return new Rule(text, List.copyOf(matches), action == null ? new Continue() : action);
        }

        private void match(String w) {
            if (statements) {
                throw unknown("a match after a statement");
            }
            switch (w) {
                case "ct" -> {
                    expect("state");
                    List<String> states = List.of(next().split(","));
                    if (!CT_STATES.containsAll(states)) {
                        throw unknown("ct state " + states);
                    }
                    matches.add(p -> states.contains(p.ctState()));
                }
                case "meta" -> {
                    String what = next();
                    String arg = next();
                    switch (what) {
                        case "iif" -> matches.add(p -> p.iif().equals(arg));
                        case "l4proto" -> {
                            String proto = Canonical.protocol(arg);
                            matches.add(p -> p.protocol().equals(proto));
                        }
                        default -> throw unknown("meta " + what);
                    }
                }
                case "tcp", "udp", "sctp" -> {
                    expect("dport");
                    String ports = next();
                    Canonical.rangeOf("inet_service", ports); // validates
                    String proto = Canonical.protocol(w);
                    matches.add(p -> p.protocol().equals(proto)
                            && partMatches("inet_service", ports, Integer.toString(p.dport())));
                }
                default -> {
                    if (!w.equals(ip)) {
                        throw unknown("word '" + w + "'");
                    }
                    address();
                }
            }
        }

        /** After {@code ip}: an address match, a concatenated lookup, or a verdict map dispatch. */
        private void address() {
            String dir = next();
            List<Field> key = new ArrayList<>(List.of(switch (dir) {
                case "saddr" -> Field.SADDR;
                case "daddr" -> Field.DADDR;
                default -> throw unknown(ip + " " + dir);
            }));
            if (peek(".")) {
                for (String w : List.of(".", "meta", "l4proto", ".", "th", "dport")) {
                    expect(w);
                }
                if (key.getFirst() != Field.DADDR) {
                    throw unknown("concatenation on saddr");
                }
                key.add(Field.L4PROTO);
                key.add(Field.DPORT);
            }
            if (peek("vmap")) {
                next();
                String map = set(key, true);
                action = new Vmap(List.copyOf(key), map);
                return;
            }
            boolean negated = peek("!=");
            if (negated) {
                next();
            }
            Predicate<Packet> m;
            if (i < t.size() && t.get(i).startsWith("@")) {
                String set = set(key, false);
                m = p -> !sets.hits(set, key, p).isEmpty();
            } else {
                if (key.size() != 1) {
                    throw unknown("a concatenation compared with a literal");
                }
                String literal = next();
                Canonical.rangeOf(addrType, literal); // validates
                m = p -> partMatches(addrType, literal, value(key.getFirst(), p));
            }
            matches.add(negated ? m.negate() : m);
        }

        /** Reads {@code @name} and checks that the set exists, is of the right kind and has the key's type. */
        private String set(List<Field> key, boolean verdictMap) {
            String ref = next();
            if (!ref.startsWith("@")) {
                throw unknown("expected @set, got " + ref);
            }
            String name = ref.substring(1);
            SetType s = sets.type(name);
            if (s == null) {
                throw unknown("no set " + name);
            }
            List<String> type = key.stream().map(f -> typeOf(f, addrType)).toList();
            if (s.isMap() != verdictMap || !s.type().equals(type)) {
                throw unknown("@" + name + " is " + (s.isMap() ? "a map" : "a set") + " of " + s.type()
                        + ", the rule needs " + (verdictMap ? "a verdict map" : "a set") + " of " + type);
            }
            return name;
        }

        private String next() {
            if (i >= t.size()) {
                throw unknown("truncated");
            }
            return t.get(i++);
        }

        private boolean peek(String w) {
            return i < t.size() && t.get(i).equals(w);
        }

        private void expect(String w) {
            String got = next();
            if (!got.equals(w)) {
                throw unknown("expected '" + w + "', got '" + got + "'");
            }
        }

        private IllegalStateException unknown(String what) {
            return new IllegalStateException("FirewallTracer does not know this rule shape (" + what + "): " + text);
        }
    }
}
