package dev.junction.agent.sandbox;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** What a probe expects to see over all its tries. */
public sealed interface Expectation {

    /** Default number of tries when a probe does not say. */
    int defaultTries();

    /** Every try answered (by anyone). */
    record Allow() implements Expectation {
        @Override public int defaultTries() { return 3; }
        @Override public String toString() { return "allow"; }
    }

    /** No try answered: refused, reset or timed out. */
    record Deny() implements Expectation {
        @Override public int defaultTries() { return 3; }
        @Override public String toString() { return "deny"; }
    }

    /** Every listed backend answered at least once, nobody else answered, and no try failed. */
    record Backends(SortedSet<String> names) implements Expectation {
        public Backends(List<String> names) { this(new TreeSet<>(names)); }
        @Override public int defaultTries() { return 30; }
        @Override public String toString() { return "backends " + String.join(", ", names); }
    }

    /** Session affinity: every try answered by the same backend, which is one of the listed ones. */
    record OneOf(SortedSet<String> names) implements Expectation {
        public OneOf(List<String> names) { this(new TreeSet<>(names)); }
        @Override public int defaultTries() { return 30; }
        @Override public String toString() { return "one of " + String.join(", ", names); }
    }
}
