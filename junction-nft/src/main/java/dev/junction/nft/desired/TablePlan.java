package dev.junction.nft.desired;

import dev.junction.nft.TableRef;
import dev.junction.nft.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the operations of one sync and emits them in an order the kernel accepts within one atomic
 * batch: objects are declared before anything refers to them, references are removed before what they refer
 * to is deleted.
 *
 * <ol>
 *   <li>add sets, add chains (declarations, empty);
 *   <li>delete elements (old dispatch entries go before the chains they name);
 *   <li>flush chains that are rewritten or removed;
 *   <li>add the rules of new and rewritten chains;
 *   <li>add elements;
 *   <li>delete sets, then chains, that nothing refers to any more: sets first, because a verdict map's
 *       elements hold their chains (EBUSY otherwise), while the rules that used a deleted set are already
 *       flushed.
 * </ol>
 */
public final class TablePlan {
    private final Map<String, SetDef> addSets = new LinkedHashMap<>();
    private final Map<String, ChainDef> addChains = new LinkedHashMap<>();
    private final List<String[]> deleteElements = new ArrayList<>();
    private final Set<String> flushChains = new LinkedHashSet<>();
    private final Map<String, ChainDef> writeRules = new LinkedHashMap<>();
    private final List<String[]> addElements = new ArrayList<>();
    private final Set<String> deleteChains = new LinkedHashSet<>();
    private final Set<String> deleteSets = new LinkedHashSet<>();
    private boolean addTable;
    private final boolean discard;

    public TablePlan() {
        this(false);
    }

    private TablePlan(boolean discard) {
        this.discard = discard;
    }

    /**
     * A plan that records nothing: for building a model whose operations are not wanted (a full sync builds
     * the desired model, then plans against what the kernel lists), so that a cold sync does not record every
     * element twice.
     */
    public static TablePlan discarding() {
        return new TablePlan(true);
    }

    public void addTable() {
        if (discard) {
            return;
        }
        addTable = true;
    }

    public void addSet(String name, SetDef def) {
        if (discard) {
            return;
        }
        addSets.put(name, def);
    }

    /** Declares a new chain and writes its rules. */
    public void addChain(String name, ChainDef def) {
        if (discard) {
            return;
        }
        addChains.put(name, def);
        writeRules.put(name, def);
    }

    /** Replaces the rules of an existing chain. */
    public void rewriteChain(String name, ChainDef def) {
        if (discard) {
            return;
        }
        flushChains.add(name);
        writeRules.put(name, def);
    }

    public void removeChain(String name) {
        if (discard) {
            return;
        }
        flushChains.add(name);
        deleteChains.add(name);
    }

    public void removeSet(String name) {
        if (discard) {
            return;
        }
        deleteSets.add(name);
    }

    public void addElement(String set, String key, String value) {
        if (discard) {
            return;
        }
        addElements.add(new String[] {set, key, value});
    }

    public void deleteElement(String set, String key) {
        if (discard) {
            return;
        }
        deleteElements.add(new String[] {set, key});
    }

    public boolean isEmpty() {
        return !addTable && addSets.isEmpty() && addChains.isEmpty() && deleteElements.isEmpty() && flushChains.isEmpty()
                && writeRules.isEmpty() && addElements.isEmpty() && deleteChains.isEmpty() && deleteSets.isEmpty();
    }

    /** Number of chains whose rules this plan writes (a measure of how much a sync touched). */
    public int chainsWritten() {
        return writeRules.size();
    }

    public int elementsChanged() {
        return addElements.size() + deleteElements.size();
    }

    public Transaction toTransaction(TableRef table) {
        Transaction tx = new Transaction(table);
        if (addTable) {
            tx.addTable();
        }
        addSets.forEach((name, d) -> {
            if (d.valueType() == null) {
                tx.addSet(name, d.type(), d.flags(), d.timeoutSeconds());
            } else {
                tx.add(new dev.junction.nft.Op.AddSet(name, d.type(), d.valueType(), d.flags(), d.timeoutSeconds()));
            }
        });
        addChains.forEach((name, d) -> {
            if (d.isBase()) {
                tx.addBaseChain(name, d.type(), d.hook(), d.priority());
            } else {
                tx.addChain(name);
            }
        });
        for (String[] e : deleteElements) {
            tx.deleteElement(e[0], e[1]);
        }
        flushChains.forEach(tx::flushChain);
        writeRules.forEach((name, d) -> d.rules().forEach(r -> tx.addRule(name, r)));
        for (String[] e : addElements) {
            if (e[2].isEmpty()) {
                tx.addElement(e[0], e[1]);
            } else {
                tx.addElement(e[0], e[1], e[2]);
            }
        }
        deleteSets.forEach(tx::deleteSet);
        deleteChains.forEach(tx::deleteChain);
        return tx;
    }
}
