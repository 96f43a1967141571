package dev.junction.nft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static dev.junction.nft.FakeRejection.EBUSY;
import static dev.junction.nft.FakeRejection.EMLINK;
import static dev.junction.nft.FakeRejection.ENOENT;
import static dev.junction.nft.FakeRejection.EOPNOTSUPP;
import static dev.junction.nft.FakeRejection.SYNTAX;

/**
 * One table of {@link FakeNft}: chains with their rules, sets and maps. Every operation checks what the kernel
 * checks at that point of a batch; the findings (kernel 6.18, nft 1.0.6) are written next to each check.
 */
final class FakeTable {
    /** Kernel NFT_JUMP_STACK_SIZE: a chain 16 jumps (or gotos) below a base chain is "Too many links". */
    static final int MAX_JUMP_DEPTH = 15;
    private static final Set<String> CHAIN_TYPES = Set.of("filter", "nat", "route");
    private static final Set<String> HOOKS = Set.of("prerouting", "input", "forward", "output", "postrouting",
            "ingress", "egress");

    record Rule(String text, RuleRefs refs) {
    }

    static final class Chain {
        final Op.AddChain definition;
        final List<Rule> rules;

        Chain(Op.AddChain definition, List<Rule> rules) {
            this.definition = definition;
            this.rules = rules;
        }

        boolean isBase() {
            return definition.isBase();
        }
    }

    private final Map<String, Chain> chains;
    private final Map<String, FakeSet> sets;

    FakeTable() {
        chains = new LinkedHashMap<>();
        sets = new LinkedHashMap<>();
    }

    FakeTable copy() {
        FakeTable t = new FakeTable();
        chains.forEach((n, c) -> t.chains.put(n, new Chain(c.definition, new ArrayList<>(c.rules))));
        sets.forEach((n, s) -> t.sets.put(n, s.copy()));
        return t;
    }

    /** Applies one operation other than table creation or deletion (the fake handles those). */
    void apply(Op op, boolean strictChainDelete) {
        switch (op) {
            case Op.AddChain c -> addChain(c);
            case Op.FlushChain c -> chain(c.name()).rules.clear();
            case Op.DeleteChain c -> deleteChain(c.name(), strictChainDelete);
            case Op.AddRule r -> addRule(r);
            case Op.AddSet s -> addSet(s);
            case Op.FlushSet s -> kind(s.name(), false).flush();
            case Op.FlushMap s -> kind(s.name(), true).flush();
            case Op.DeleteSet s -> deleteSet(s.name());
            case Op.AddElement e -> addElement(e);
            case Op.DeleteElement e -> {
                FakeSet s = set(e.set());
                s.delete(s.canonicalKey(e.key()));
            }
            case Op.AddTable t -> throw new IllegalStateException("handled by FakeNft");
            case Op.DeleteTable t -> throw new IllegalStateException("handled by FakeNft");
        }
    }

    /**
     * Re-adding an existing chain as a regular chain is a no-op (even over a base chain); re-adding with the
     * same base definition too. Turning a regular chain into a base chain, or changing a base chain's type,
     * hook or priority, is "Operation not supported".
     */
    private void addChain(Op.AddChain c) {
        if (!NftNames.isValid(c.name())) {
            throw new FakeRejection(SYNTAX, "bad chain name " + c.name());
        }
        if (c.isBase() && (!CHAIN_TYPES.contains(c.type()) || !HOOKS.contains(c.hook()))) {
            throw new FakeRejection(SYNTAX, "bad base chain type or hook: " + c.type() + " " + c.hook());
        }
        Chain old = chains.get(c.name());
        if (old == null) {
            chains.put(c.name(), new Chain(c, new ArrayList<>()));
        } else if (c.isBase() && !c.equals(old.definition)) {
            throw new FakeRejection(EOPNOTSUPP, "chain " + c.name() + " exists with another definition");
        }
    }

    /**
     * A chain that still has rules is deleted together with them (kernel recursive delete). It is "Device or
     * resource busy" while any rule (its own included: a self-jump counts) or map element jumps to it.
     * {@code strict} also refuses a chain that has rules, for callers that want to flush first explicitly.
     */
    private void deleteChain(String name, boolean strict) {
        Chain c = chain(name);
        int refs = references(name);
        if (refs > 0) {
            throw new FakeRejection(EBUSY, "chain " + name + " is referenced " + refs + " time(s)");
        }
        if (strict && !c.rules.isEmpty()) {
            throw new FakeRejection(EBUSY, "chain " + name + " still has rules (strict mode)");
        }
        chains.remove(name);
    }

    /**
     * The rule's chain must exist; a jump/goto target must exist now (a chain added later in the same batch
     * is too late: ENOENT) and must not be a base chain (EOPNOTSUPP); an {@code @set} must exist (ENOENT),
     * and {@code vmap @x} needs a verdict map ("Expression is not a map").
     */
    private void addRule(Op.AddRule r) {
        Chain c = chain(r.chain());
        String text = r.rule().strip();
        if (text.isEmpty() || count(text, '{') != count(text, '}')) {
            throw new FakeRejection(SYNTAX, "rule " + text);
        }
        RuleRefs refs = RuleRefs.of(text);
        refs.chains().forEach(this::checkTarget);
        for (RuleRefs.SetRef ref : refs.sets()) {
            FakeSet s = set(ref.name());
            if (ref.use() == RuleRefs.Use.VMAP && !s.isVerdictMap() || ref.use() == RuleRefs.Use.MAP && !s.isMap()) {
                throw new FakeRejection(SYNTAX, "Expression is not a map: @" + ref.name());
            }
        }
        c.rules.add(new Rule(text, refs));
    }

    /**
     * A set that exists is left alone when the definition matches, else "File exists" (see
     * {@link FakeSet#checkSameDefinition}). Sets and chains have separate name spaces.
     */
    private void addSet(Op.AddSet def) {
        FakeSet old = sets.get(def.name());
        if (old != null) {
            old.checkSameDefinition(def);
        } else {
            sets.put(def.name(), new FakeSet(def));
        }
    }

    /** "Device or resource busy" while a rule references the set; its elements do not matter. */
    private void deleteSet(String name) {
        set(name);
        for (Chain c : chains.values()) {
            for (Rule r : c.rules) {
                if (r.refs().refersToSet(name)) {
                    throw new FakeRejection(EBUSY, "set " + name + " is used by a rule in " + c.definition.name());
                }
            }
        }
        sets.remove(name);
    }

    private void addElement(Op.AddElement e) {
        FakeSet s = set(e.set());
        String key = s.canonicalKey(e.key());
        String value = s.canonicalValue(e.value());
        if (s.isVerdictMap()) {
            target(value).ifPresent(this::checkTarget);
        }
        s.add(key, value);
    }

    private void checkTarget(String chain) {
        Chain t = chains.get(chain);
        if (t == null) {
            throw new FakeRejection(ENOENT, "jump/goto to missing chain " + chain);
        }
        if (t.isBase()) {
            throw new FakeRejection(EOPNOTSUPP, "jump/goto to base chain " + chain);
        }
    }

    /** Jumps and map elements that name the chain; what the kernel's chain use count tracks. */
    private int references(String chain) {
        int n = 0;
        for (Chain c : chains.values()) {
            for (Rule r : c.rules) {
                n += (int) r.refs().chains().stream().filter(chain::equals).count();
            }
        }
        for (FakeSet s : sets.values()) {
            if (s.isVerdictMap()) {
                n += (int) s.elements().values().stream().filter(v -> chain.equals(target(v).orElse(null))).count();
            }
        }
        return n;
    }

    /**
     * The kernel validates the chain graph below every base chain: a loop, or a chain more than
     * {@link #MAX_JUMP_DEPTH} jumps deep, is "Too many links". Chains not reachable from a base chain are not
     * checked (a loop among them is accepted until a base chain jumps in). Checked once per batch, at the end;
     * the kernel checks as it goes, which differs only for a batch that builds a loop and removes it again.
     */
    void checkJumpDepth() {
        Map<String, Integer> height = new HashMap<>();
        for (Chain c : chains.values()) {
            if (c.isBase() && height(c.definition.name(), height, new HashSet<>()) > MAX_JUMP_DEPTH) {
                throw new FakeRejection(EMLINK, "jumps below base chain " + c.definition.name() + " nest too deep");
            }
        }
    }

    private int height(String chain, Map<String, Integer> memo, Set<String> onPath) {
        Integer known = memo.get(chain);
        if (known != null) {
            return known;
        }
        if (!onPath.add(chain)) {
            throw new FakeRejection(EMLINK, "jump loop through chain " + chain);
        }
        int h = 0;
        for (String next : edges(chains.get(chain))) {
            h = Math.max(h, 1 + height(next, memo, onPath));
            if (h > MAX_JUMP_DEPTH) {
                break;
            }
        }
        onPath.remove(chain);
        memo.put(chain, h);
        return h;
    }

    private List<String> edges(Chain c) {
        List<String> out = new ArrayList<>();
        for (Rule r : c.rules) {
            out.addAll(r.refs().chains());
            for (String m : r.refs().setNames()) {
                FakeSet s = sets.get(m);
                if (s != null && s.isVerdictMap()) {
                    s.elements().values().forEach(v -> target(v).ifPresent(out::add));
                }
            }
        }
        return out;
    }

    private static Optional<String> target(String verdict) {
        if (verdict.startsWith("jump ") || verdict.startsWith("goto ")) {
            return Optional.of(verdict.substring(5));
        }
        return Optional.empty();
    }

    private Chain chain(String name) {
        Chain c = chains.get(name);
        if (c == null) {
            throw new FakeRejection(ENOENT, "no chain " + name);
        }
        return c;
    }

    private FakeSet set(String name) {
        FakeSet s = sets.get(name);
        if (s == null) {
            throw new FakeRejection(ENOENT, "no set or map " + name);
        }
        return s;
    }

    /** nft 1.0.6 looks {@code flush set} / {@code flush map} up by kind: the wrong keyword is ENOENT. */
    private FakeSet kind(String name, boolean map) {
        FakeSet s = set(name);
        if (s.isMap() != map) {
            throw new FakeRejection(ENOENT, "flush " + (map ? "map" : "set") + " on a " + (s.isMap() ? "map" : "set")
                    + " " + name);
        }
        return s;
    }

    private static int count(String s, char ch) {
        return (int) s.chars().filter(x -> x == ch).count();
    }

    // --- read access for FakeNft ---

    Map<String, Chain> chains() {
        return chains;
    }

    Map<String, FakeSet> sets() {
        return sets;
    }

    TableState state() {
        Map<String, Map<String, String>> s = new TreeMap<>();
        sets.forEach((n, set) -> s.put(n, Map.copyOf(set.elements())));
        return new TableState(chains.keySet(), s);
    }

    List<String> rules(String chain) {
        Chain c = chains.get(Objects.requireNonNull(chain));
        return c == null ? List.of() : c.rules.stream().map(Rule::text).toList();
    }
}
