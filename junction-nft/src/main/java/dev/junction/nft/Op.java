package dev.junction.nft;

/**
 * One command of a {@link Transaction}. Each renders to exactly one line of {@code nft -f} text, so the same
 * string goes through libnftables, through the nft binary and into logs.
 */
public sealed interface Op {

    /** The nft command for this operation on the given table. */
    String render(TableRef t);

    /** {@code add table}: creates the table if it is missing, leaves it alone otherwise. */
    record AddTable() implements Op {
        public String render(TableRef t) {
            return "add table " + t.spec();
        }
    }

    /** {@code delete table}: removes the table and everything in it. */
    record DeleteTable() implements Op {
        public String render(TableRef t) {
            return "delete table " + t.spec();
        }
    }

    /**
     * {@code add chain}; a base chain when {@code hook} is set.
     *
     * @param type {@code filter} or {@code nat} for a base chain, otherwise null
     * @param hook the netfilter hook for a base chain, otherwise null
     * @param priority the base chain's priority (ignored for a regular chain)
     */
    record AddChain(String name, String type, String hook, int priority) implements Op {
        public AddChain(String name) {
            this(name, null, null, 0);
        }

        public boolean isBase() {
            return hook != null;
        }

        public String render(TableRef t) {
            if (!isBase()) {
                return "add chain " + t.spec() + " " + name;
            }
            return "add chain " + t.spec() + " " + name + " { type " + type + " hook " + hook
                    + " priority " + priority + " ; policy accept ; }";
        }
    }

    record FlushChain(String name) implements Op {
        public String render(TableRef t) {
            return "flush chain " + t.spec() + " " + name;
        }
    }

    /** Fails if the chain still has rules or is still referenced (by a rule or a map element). */
    record DeleteChain(String name) implements Op {
        public String render(TableRef t) {
            return "delete chain " + t.spec() + " " + name;
        }
    }

    /** Appends a rule, in nft rule syntax, to a chain. */
    record AddRule(String chain, String rule) implements Op {
        public String render(TableRef t) {
            return "add rule " + t.spec() + " " + chain + " " + rule;
        }
    }

    /**
     * {@code add set} or {@code add map}.
     *
     * @param type the key type, e.g. {@code ipv4_addr . inet_proto . inet_service}, or a {@code typeof}
     *     declaration such as {@code typeof ip daddr . numgen random mod 1} (then rendered as given)
     * @param valueType the value type of a map ({@code verdict}), or null for a plain set
     * @param flags e.g. {@code interval} or {@code dynamic,timeout}; null for none
     * @param timeoutSeconds the default element timeout, or 0 for none
     */
    record AddSet(String name, String type, String valueType, String flags, long timeoutSeconds) implements Op {
        public boolean isMap() {
            return valueType != null;
        }

        public String render(TableRef t) {
            StringBuilder sb = new StringBuilder("add ").append(isMap() ? "map " : "set ")
                    .append(t.spec()).append(' ').append(name).append(" { ")
                    .append(type.startsWith("typeof ") ? "" : "type ").append(type);
            if (isMap()) {
                sb.append(" : ").append(valueType);
            }
            sb.append(" ;");
            if (flags != null) {
                sb.append(" flags ").append(flags).append(" ;");
            }
            if (timeoutSeconds > 0) {
                sb.append(" timeout ").append(timeoutSeconds).append("s ;");
            }
            return sb.append(" }").toString();
        }
    }

    /** Empties a plain set. nft 1.0.6 refuses {@code flush set} on a map (ENOENT): use {@link FlushMap}. */
    record FlushSet(String name) implements Op {
        public String render(TableRef t) {
            return "flush set " + t.spec() + " " + name;
        }
    }

    /** Empties a map. nft 1.0.6 looks the name up by kind, so {@code flush map} on a plain set fails too. */
    record FlushMap(String name) implements Op {
        public String render(TableRef t) {
            return "flush map " + t.spec() + " " + name;
        }
    }

    /** Fails while a rule still references the set. */
    record DeleteSet(String name) implements Op {
        public String render(TableRef t) {
            return "delete set " + t.spec() + " " + name;
        }
    }

    /**
     * Adds one element to a set ({@code value} null) or a map.
     *
     * @param key the key in nft syntax, e.g. {@code 10.96.0.1 . tcp . 80}
     * @param value the map value, e.g. {@code goto service-x}, or null in a set
     */
    record AddElement(String set, String key, String value) implements Op {
        public String element() {
            return value == null ? key : key + " : " + value;
        }

        public String render(TableRef t) {
            return "add element " + t.spec() + " " + set + " { " + element() + " }";
        }
    }

    /** Removes one element by key. The kernel refuses a key that is absent. */
    record DeleteElement(String set, String key) implements Op {
        public String render(TableRef t) {
            return "delete element " + t.spec() + " " + set + " { " + key + " }";
        }
    }
}
