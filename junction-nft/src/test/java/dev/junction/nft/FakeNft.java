package dev.junction.nft;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A strict in-memory nftables: it refuses what the kernel refuses (checked against kernel 6.18 with nft 1.0.6
 * by {@code FakeVsKernelTest}), so code tested against it does not break on the real thing.
 *
 * <p>{@link #apply} works on a copy of the table and keeps it only when every operation succeeded, like a
 * netlink batch. Checks, at the point of the batch where the kernel makes them: operations on a missing
 * table, chain or set (ENOENT); a jump/goto (in a rule, an anonymous vmap or a map element) to a chain that
 * does not exist yet or is a base chain; an {@code @set} that does not exist; deleting a chain that is still
 * referenced, or a set a rule uses (EBUSY); duplicate keys with a different value (EEXIST); deleting an
 * absent element; overlapping intervals; chain graphs deeper than 15 jumps or with loops below a base chain.
 * Rule expressions are not parsed beyond their references: a rule the kernel would find malformed is
 * accepted here.
 *
 * <p>Deleting a chain that still has rules is accepted, as the kernel does (it deletes the rules with the
 * chain); {@link #strictChainDelete} refuses it instead. Thread-safe (all methods synchronise).
 */
public final class FakeNft implements Nft {
    private final Map<TableRef, FakeTable> tables = new HashMap<>();
    private final Deque<String> failures = new ArrayDeque<>();
    private Transaction last;
    private int committed;
    private int attempts;
    private boolean strictChainDelete;

    /** Also refuse {@code delete chain} of a chain that still has rules (the kernel accepts it). */
    public synchronized FakeNft strictChainDelete(boolean strict) {
        this.strictChainDelete = strict;
        return this;
    }

    /** The next {@link #apply} fails with this message and changes nothing; queues up when called again. */
    public synchronized void failNext(String message) {
        failures.add(message);
    }

    @Override
    public synchronized void apply(Transaction tx) throws NftException {
        last = tx;
        attempts++;
        String injected = failures.poll();
        if (injected != null) {
            throw new NftException(injected, tx.toString(), "Error: injected failure: " + injected);
        }
        TableRef ref = tx.table();
        FakeTable current = tables.get(ref);
        FakeTable t = current == null ? null : current.copy();
        for (Op op : tx.ops()) {
            try {
                switch (op) {
                    case Op.AddTable a -> {
                        if (t == null) {
                            NftNames.requireValid(ref.name());
                            t = new FakeTable();
                        }
                    }
                    case Op.DeleteTable d -> {
                        if (t == null) {
                            throw new FakeRejection(FakeRejection.ENOENT, "no table " + ref.spec());
                        }
                        t = null;
                    }
                    default -> {
                        if (t == null) {
                            throw new FakeRejection(FakeRejection.ENOENT, "no table " + ref.spec());
                        }
                        t.apply(op, strictChainDelete);
                    }
                }
            } catch (FakeRejection | IllegalArgumentException e) {
                throw refused(tx, op, e.getMessage());
            }
        }
        if (t != null) {
            try {
                t.checkJumpDepth();
            } catch (FakeRejection e) {
                throw refused(tx, null, e.getMessage());
            }
            tables.put(ref, t);
        } else {
            tables.remove(ref);
        }
        committed++;
    }

    private static NftException refused(Transaction tx, Op op, String why) {
        String line = op == null ? "" : "\n" + op.render(tx.table());
        return new NftException("fake nft refused the transaction on " + tx.table().spec(), tx.toString(),
                "Error: Could not process rule: " + why + line);
    }

    @Override
    public synchronized Optional<TableState> list(TableRef table) {
        FakeTable t = tables.get(table);
        return t == null ? Optional.empty() : Optional.of(t.state());
    }

    /** The last transaction given to {@link #apply}, whether it succeeded or not; null before the first. */
    public synchronized Transaction lastTransaction() {
        return last;
    }

    /** How many transactions were applied successfully. */
    public synchronized int transactions() {
        return committed;
    }

    /** How many times {@link #apply} was called, failures included. */
    public synchronized int attempts() {
        return attempts;
    }

    public synchronized boolean hasTable(TableRef table) {
        return tables.containsKey(table);
    }

    /** Chain names, sorted; empty when the table does not exist. */
    public synchronized Set<String> chains(TableRef table) {
        FakeTable t = tables.get(table);
        return t == null ? Set.of() : new TreeSet<>(t.chains().keySet());
    }

    /** The rules of one chain in order, as given; empty when the chain does not exist. */
    public synchronized List<String> rules(TableRef table, String chain) {
        FakeTable t = tables.get(table);
        return t == null ? List.of() : t.rules(chain);
    }

    /** The canonical key-to-value elements of a set or map (value "" in a plain set), sorted by key. */
    public synchronized SortedMap<String, String> elements(TableRef table, String set) {
        FakeTable t = tables.get(table);
        FakeSet s = t == null ? null : t.sets().get(set);
        return s == null ? new TreeMap<>() : new TreeMap<>(s.elements());
    }

    /**
     * The whole table as canonical nft text for golden files: the table, chains sorted by name, sets sorted
     * by name, then each chain's rules in order, then each set's elements sorted by key, one per line. The
     * text is valid {@code nft -f} input that recreates the table. Empty when the table does not exist.
     */
    public synchronized String dump(TableRef table) {
        FakeTable t = tables.get(table);
        if (t == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(new Op.AddTable().render(table)).append('\n');
        Map<String, FakeTable.Chain> chains = new TreeMap<>(t.chains());
        chains.values().forEach(c -> sb.append(c.definition.render(table)).append('\n'));
        Map<String, FakeSet> sets = new TreeMap<>(t.sets());
        sets.values().forEach(s -> sb.append(s.definition().render(table)).append('\n'));
        chains.forEach((name, c) -> c.rules.forEach(
                r -> sb.append(new Op.AddRule(name, r.text()).render(table)).append('\n')));
        sets.forEach((name, s) -> s.elements().forEach((k, v) -> sb.append(
                new Op.AddElement(name, k, v.isEmpty() ? null : v).render(table)).append('\n')));
        return sb.toString();
    }
}
