package dev.junction.kube;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of translating one Kubernetes object into a model record. Converters never throw for bad input:
 * every outcome is a value, so the thin event handlers can decide what to do with the store.
 *
 * @param <T> the model record produced on success
 */
public sealed interface Conversion<T> {

    /**
     * The object is valid and for this proxy.
     *
     * @param warnings parts that were dropped (a disallowed externalIP, an endpoint with a bad address) while the
     *     rest was kept; the caller logs and counts each one
     */
    record Accepted<T>(T value, List<String> warnings) implements Conversion<T> {
        public Accepted {
            Objects.requireNonNull(value);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The object is valid but not this proxy's business (headless, ExternalName, another proxy's service, an FQDN
     * slice). Not an error: whatever the store had for it must go, as the object no longer asks for rules.
     */
    record Ignored<T>(String reason) implements Conversion<T> {
        public Ignored {
            Objects.requireNonNull(reason);
        }
    }

    /**
     * The object is invalid: the API server would not have admitted it, or Junction's stricter policy refuses it.
     * The caller keeps the last valid version it has, and logs and counts the rejection.
     *
     * @param reason a sentence naming the field, e.g. {@code spec.ports[1].port: 70000 is out of range 1-65535}
     */
    record Rejected<T>(String reason) implements Conversion<T> {
        public Rejected {
            Objects.requireNonNull(reason);
        }
    }

    static <T> Conversion<T> accepted(T value, List<String> warnings) {
        return new Accepted<>(value, warnings);
    }

    static <T> Conversion<T> ignored(String reason) {
        return new Ignored<>(reason);
    }

    static <T> Conversion<T> rejected(String reason) {
        return new Rejected<>(reason);
    }
}
