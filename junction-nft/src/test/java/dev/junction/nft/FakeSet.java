package dev.junction.nft;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.junction.nft.FakeRejection.EEXIST;
import static dev.junction.nft.FakeRejection.EINVAL;
import static dev.junction.nft.FakeRejection.ENOENT;
import static dev.junction.nft.FakeRejection.SYNTAX;

/**
 * One set or map of a {@link FakeTable}, with elements keyed by their canonical text ({@link Canonical}), so
 * {@code fd00:0::1} and {@code fd00::1} are one key, as in the kernel.
 *
 * <p>Element rules, checked against kernel 6.18 with nft 1.0.6:
 * <ul>
 *   <li>{@code add element} of a key that exists with the same value: accepted, nothing changes (plain sets,
 *       interval sets with the identical interval, timeout sets too). With a different value (also
 *       {@code jump a} vs {@code goto a}): "File exists", the whole batch fails. The same holds for a key
 *       given twice in one command;
 *   <li>{@code create element} (not generated here) would refuse any existing key;
 *   <li>interval sets: an interval overlapping a different existing one fails ("interval overlaps with an
 *       existing one", or "conflicting intervals specified" inside one batch); adjacent intervals are fine
 *       and are not merged; prefixes and ranges need {@code flags interval};
 *   <li>{@code delete element} of an absent key fails ENOENT; in an interval set only the exact stored
 *       interval matches (deleting {@code 10.1.0.0/16} out of {@code 10.0.0.0/8} fails);
 *   <li>a map element needs a value (EINVAL) and a set element must not have one ("set is not a map").
 * </ul>
 * Overlap detection covers single-part interval sets; concatenations with intervals are only canonicalised.
 */
final class FakeSet {
    private static final Set<String> KNOWN_FLAGS = Set.of("interval", "timeout", "dynamic", "constant");
    /** Types the fake knows; nft refuses unknown ones ("unknown datatype foo_addr"). */
    private static final Set<String> KNOWN_TYPES = Set.of("ipv4_addr", "ipv6_addr", "inet_proto", "inet_service",
            "ether_addr", "mark", "ifname", "iface_index", "ct_state", "integer", "verdict");

    final String name;
    final String type;
    final List<String> keyTypes;
    final String valueType;
    final String flagsText;
    final Set<String> flags;
    final long timeoutSeconds;
    private final TreeMap<String, String> elements;
    /** lo to hi of each interval element, for overlap checks; only for single-part interval sets. */
    private final TreeMap<BigInteger, BigInteger> intervals;

    FakeSet(Op.AddSet def) {
        this.name = def.name();
        this.type = String.join(" . ", Canonical.typeParts(Typeof.datatypes(def.type())));
        this.keyTypes = Canonical.typeParts(Typeof.datatypes(def.type()));
        this.valueType = def.valueType() == null ? null : Typeof.datatypes(def.type(), def.valueType().strip());
        this.flagsText = def.flags() == null ? null : def.flags().replace(" ", "");
        this.flags = flagSet(def);
        this.timeoutSeconds = def.timeoutSeconds();
        this.elements = new TreeMap<>();
        this.intervals = new TreeMap<>();
        if (!NftNames.isValid(name)) {
            throw new FakeRejection(SYNTAX, "bad set name " + name);
        }
        for (String t : keyTypes) {
            if (!KNOWN_TYPES.contains(t) || t.equals("verdict")) {
                throw new FakeRejection(SYNTAX, "unknown datatype " + t);
            }
        }
        if (valueType != null && !Canonical.typeParts(valueType).stream().allMatch(KNOWN_TYPES::contains)) {
            throw new FakeRejection(SYNTAX, "unknown datatype " + valueType);
        }
    }

    private FakeSet(FakeSet o) {
        name = o.name;
        type = o.type;
        keyTypes = o.keyTypes;
        valueType = o.valueType;
        flagsText = o.flagsText;
        flags = o.flags;
        timeoutSeconds = o.timeoutSeconds;
        elements = new TreeMap<>(o.elements);
        intervals = new TreeMap<>(o.intervals);
    }

    FakeSet copy() {
        return new FakeSet(this);
    }

    boolean isMap() {
        return valueType != null;
    }

    boolean isVerdictMap() {
        return "verdict".equals(valueType);
    }

    boolean interval() {
        return flags.contains("interval");
    }

    /**
     * Whether re-adding {@code def} is a no-op. The kernel compares kind, key and value types and flags
     * (a {@code timeout} implies the timeout flag), but not the timeout value: re-adding with another
     * timeout is accepted and changes nothing. Any other difference is "File exists".
     */
    void checkSameDefinition(Op.AddSet def) {
        boolean same = def.isMap() == isMap()
                && Canonical.typeParts(Typeof.datatypes(def.type())).equals(keyTypes)
                && (valueType == null || valueType.equals(Typeof.datatypes(def.type(), def.valueType().strip())))
                && flagSet(def).equals(flags);
        if (!same) {
            throw new FakeRejection(EEXIST, "set " + name + " exists with another definition");
        }
    }

    /** The canonical key; the set's own rules for prefixes, ranges and arity. */
    String canonicalKey(String key) {
        try {
            return Canonical.key(keyTypes, key, interval());
        } catch (IllegalArgumentException e) {
            throw new FakeRejection(SYNTAX, e.getMessage());
        }
    }

    /** The canonical value of a map element; the chain check for verdicts is the table's business. */
    String canonicalValue(String value) {
        if (value == null) {
            if (isMap()) {
                throw new FakeRejection(EINVAL, "map " + name + " needs a value");
            }
            return "";
        }
        if (!isMap()) {
            throw new FakeRejection(SYNTAX, "set is not a map: " + name);
        }
        try {
            if (isVerdictMap()) {
                return Canonical.verdict(value);
            }
            List<String> parts = Canonical.typeParts(valueType);
            return parts.size() == 1 ? Canonical.part(valueType, value.strip(), false)
                    : Canonical.key(parts, value.strip(), false);
        } catch (IllegalArgumentException e) {
            throw new FakeRejection(SYNTAX, e.getMessage());
        }
    }

    /** Adds one element (canonical key and value); see the class comment for what fails. */
    void add(String key, String value) {
        String old = elements.get(key);
        if (old != null) {
            if (!old.equals(value)) {
                throw new FakeRejection(EEXIST, "element " + key + " is in " + name + " with value " + old);
            }
            return;
        }
        Canonical.Range r = singleRange(key);
        if (r != null) {
            Map.Entry<BigInteger, BigInteger> below = intervals.floorEntry(r.hi());
            if (below != null && below.getValue().compareTo(r.lo()) >= 0) {
                throw new FakeRejection(EEXIST, "interval overlaps with an existing one: " + key + " in " + name);
            }
            intervals.put(r.lo(), r.hi());
        }
        elements.put(key, value);
    }

    void delete(String key) {
        if (elements.remove(key) == null) {
            throw new FakeRejection(ENOENT, "element " + key + " is not in " + name);
        }
        Canonical.Range r = singleRange(key);
        if (r != null) {
            intervals.remove(r.lo());
        }
    }

    void flush() {
        elements.clear();
        intervals.clear();
    }

    SortedMap<String, String> elements() {
        return Collections.unmodifiableSortedMap(elements);
    }

    /** The operation that re-creates this set, for dumps. */
    Op.AddSet definition() {
        return new Op.AddSet(name, type, valueType, flagsText, timeoutSeconds);
    }

    private Canonical.Range singleRange(String key) {
        if (!interval() || keyTypes.size() != 1) {
            return null;
        }
        return Canonical.rangeOf(keyTypes.get(0), key);
    }

    private static Set<String> flagSet(Op.AddSet def) {
        Set<String> f = new TreeSet<>();
        if (def.flags() != null) {
            f.addAll(Arrays.asList(def.flags().replace(" ", "").split(",")));
        }
        for (String flag : f) {
            if (!KNOWN_FLAGS.contains(flag)) {
                throw new FakeRejection(SYNTAX, "unknown set flag " + flag);
            }
        }
        if (def.timeoutSeconds() > 0) {
            f.add("timeout");
        }
        return Set.copyOf(f);
    }
}
