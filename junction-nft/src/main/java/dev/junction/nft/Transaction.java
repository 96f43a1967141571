package dev.junction.nft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ordered batch of operations on one table, applied atomically by {@link Nft#apply}. A value: building it
 * touches nothing. {@link #toString()} is the exact {@code nft -f} text, where consecutive element
 * operations on the same set are merged into one command (nft parses one command of a thousand elements far
 * faster than a thousand commands).
 */
public final class Transaction {
    /** Elements per merged command: bounds the length of one line in logs and in the parser. */
    static final int ELEMENTS_PER_COMMAND = 1000;

    private final TableRef table;
    private final List<Op> ops = new ArrayList<>();

    public Transaction(TableRef table) {
        this.table = table;
    }

    public TableRef table() {
        return table;
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    public int size() {
        return ops.size();
    }

    public Transaction add(Op op) {
        ops.add(op);
        return this;
    }

    public Transaction addTable() {
        return add(new Op.AddTable());
    }

    public Transaction deleteTable() {
        return add(new Op.DeleteTable());
    }

    public Transaction addChain(String name) {
        return add(new Op.AddChain(name));
    }

    public Transaction addBaseChain(String name, String type, String hook, int priority) {
        return add(new Op.AddChain(name, type, hook, priority));
    }

    public Transaction flushChain(String name) {
        return add(new Op.FlushChain(name));
    }

    public Transaction deleteChain(String name) {
        return add(new Op.DeleteChain(name));
    }

    public Transaction addRule(String chain, String rule) {
        return add(new Op.AddRule(chain, rule));
    }

    public Transaction addSet(String name, String type, String flags, long timeoutSeconds) {
        return add(new Op.AddSet(name, type, null, flags, timeoutSeconds));
    }

    public Transaction addMap(String name, String keyType, String valueType) {
        return add(new Op.AddSet(name, keyType, valueType, null, 0));
    }

    public Transaction flushSet(String name) {
        return add(new Op.FlushSet(name));
    }

    /** Empties a map; {@link #flushSet} is for plain sets only (nft 1.0.6 refuses it on a map). */
    public Transaction flushMap(String name) {
        return add(new Op.FlushMap(name));
    }

    /** Deletes a set or a map (nft 1.0.6 accepts {@code delete set} for both). */
    public Transaction deleteSet(String name) {
        return add(new Op.DeleteSet(name));
    }

    public Transaction addElement(String set, String key) {
        return add(new Op.AddElement(set, key, null));
    }

    public Transaction addElement(String map, String key, String value) {
        return add(new Op.AddElement(map, key, value));
    }

    public Transaction deleteElement(String set, String key) {
        return add(new Op.DeleteElement(set, key));
    }

    /** The nft text of the whole batch, one command per line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(ops.size() * 64);
        int i = 0;
        while (i < ops.size()) {
            Op op = ops.get(i);
            if (op instanceof Op.AddElement || op instanceof Op.DeleteElement) {
                i = renderElementRun(sb, i);
            } else {
                sb.append(op.render(table)).append('\n');
                i++;
            }
        }
        return sb.toString();
    }

    /** Renders a run of element adds (or deletes) on one set as one command; returns the index after it. */
    private int renderElementRun(StringBuilder sb, int start) {
        Op first = ops.get(start);
        boolean add = first instanceof Op.AddElement;
        String set = add ? ((Op.AddElement) first).set() : ((Op.DeleteElement) first).set();
        sb.append(add ? "add element " : "delete element ").append(table.spec()).append(' ').append(set).append(" { ");
        int i = start;
        int n = 0;
        while (i < ops.size() && n < ELEMENTS_PER_COMMAND) {
            Op op = ops.get(i);
            String element;
            if (add && op instanceof Op.AddElement a && a.set().equals(set)) {
                element = a.element();
            } else if (!add && op instanceof Op.DeleteElement d && d.set().equals(set)) {
                element = d.key();
            } else {
                break;
            }
            if (n > 0) {
                sb.append(", ");
            }
            sb.append(element);
            i++;
            n++;
        }
        sb.append(" }\n");
        return i;
    }
}
