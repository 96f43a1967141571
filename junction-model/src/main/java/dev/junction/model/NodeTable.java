package dev.junction.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every Node of the cluster, for the router (the proxy's {@link ClusterStore} keeps only this node's). Thread-safe;
 * {@code onChange} runs after each change that altered something, on the caller's thread, and must not block.
 */
public final class NodeTable {
    private final Map<String, Node> nodes = new TreeMap<>();
    private final Runnable onChange;
    private boolean synced;
    private long generation;

    public NodeTable(Runnable onChange) {
        this.onChange = Objects.requireNonNull(onChange);
    }

    /** @return true if the node is new or differs from the one held */
    public boolean put(Node n) {
        synchronized (this) {
            if (n.equals(nodes.get(n.name()))) return false;
            nodes.put(n.name(), n);
            generation++;
        }
        onChange.run();
        return true;
    }

    public boolean remove(String name) {
        synchronized (this) {
            if (nodes.remove(name) == null) return false;
            generation++;
        }
        onChange.run();
        return true;
    }

    /** The initial list has arrived; before that, a node missing from the table may simply not be read yet. */
    public void markSynced() {
        synchronized (this) {
            if (synced) return;
            synced = true;
            generation++;
        }
        onChange.run();
    }

    public synchronized boolean hasSynced() {
        return synced;
    }

    /** Nodes by name. */
    public synchronized List<Node> snapshot() {
        return List.copyOf(nodes.values());
    }

    /** Grows with every change: a consumer compares it to skip work when nothing changed. */
    public synchronized long generation() {
        return generation;
    }
}
