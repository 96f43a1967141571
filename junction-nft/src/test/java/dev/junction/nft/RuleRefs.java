package dev.junction.nft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The references inside one rule's text that the kernel checks when the rule is added: chains named by
 * {@code jump X} / {@code goto X} (also inside an anonymous vmap such as
 * {@code numgen random mod 2 vmap { 0 : goto a, 1 : goto b }}) and sets named by {@code @name}. The fake
 * understands nothing else of the rule language.
 *
 * @param chains jump and goto targets, in order of appearance
 * @param sets set references with how they are used
 */
record RuleRefs(List<String> chains, List<SetRef> sets) {
    private static final String NAME = "[A-Za-z_.][A-Za-z0-9/_.\\-]*+"; // possessive: no backtracking into a name
    /** {@code jump}/{@code goto} as a word of its own: {@code x-jump a} is not a jump. */
    private static final Pattern VERDICT = Pattern.compile("(?<![A-Za-z0-9/_.\\-])(?:jump|goto)\\s+(" + NAME + ")");
    /** {@code @name}, but not a raw payload expression such as {@code @th,16,16}. */
    private static final Pattern SET = Pattern.compile("(?:(?<![A-Za-z0-9/_.\\-])(vmap|map)\\s+)?@(" + NAME + ")(?!\\s*,)");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

    /** How a set is referenced; the kernel wants a verdict map behind {@code vmap} and a map behind {@code map}. */
    enum Use { LOOKUP, MAP, VMAP }

    record SetRef(String name, Use use) {
    }

    static RuleRefs of(String rule) {
        // A comment "jump x" is text, not a jump.
        String text = QUOTED.matcher(rule).replaceAll("\"\"");
        List<String> chains = new ArrayList<>();
        Matcher m = VERDICT.matcher(text);
        while (m.find()) {
            chains.add(m.group(1));
        }
        List<SetRef> sets = new ArrayList<>();
        m = SET.matcher(text);
        while (m.find()) {
            Use use = m.group(1) == null ? Use.LOOKUP : m.group(1).equals("vmap") ? Use.VMAP : Use.MAP;
            sets.add(new SetRef(m.group(2), use));
        }
        return new RuleRefs(List.copyOf(chains), List.copyOf(sets));
    }

    boolean refersToSet(String name) {
        return sets.stream().anyMatch(s -> s.name().equals(name));
    }

    /**
     * Every referenced set name. The kernel follows the jump/goto values of any verdict map a rule references,
     * through {@code vmap} and through a plain lookup alike (a lookup of a map that goes back to the looking
     * chain is "Too many links").
     */
    List<String> setNames() {
        return sets.stream().map(SetRef::name).toList();
    }
}
