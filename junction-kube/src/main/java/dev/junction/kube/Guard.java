package dev.junction.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-all every feeder handler runs in. fabric8 handlers cannot return errors, and an exception escaping into
 * an informer would only be logged there, without the object's name; so nothing escapes, and whatever went wrong
 * is reported to {@link Rejections#failed} with the object's identity.
 */
final class Guard {
    private static final Logger log = LoggerFactory.getLogger(Guard.class);

    private Guard() {}

    /** Runs {@code body}; if it reports a change, requests a sync. Never throws. */
    static void run(String kind, HasMetadata obj, BooleanSupplier body, Runnable requestSync, Rejections rejections) {
        try {
            if (body.getAsBoolean()) {
                requestSync.run();
            }
        } catch (Throwable t) {
            report(rejections, kind, obj == null ? "" : namespace(obj), obj == null ? "" : name(obj), t);
        }
    }

    /** Reports a failure; if even that throws, only logs. */
    static void report(Rejections rejections, String kind, String namespace, String name, Throwable t) {
        try {
            rejections.failed(kind, namespace, name, t);
        } catch (Throwable again) {
            log.error("handling {} {}/{} failed, and so did reporting it", kind, namespace, name, t);
        }
    }

    /** Only absent on hand-built objects; the converter then rejects them, and a delete removes nothing. */
    static String namespace(HasMetadata o) {
        return o.getMetadata() == null || o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace();
    }

    static String name(HasMetadata o) {
        return o.getMetadata() == null || o.getMetadata().getName() == null ? "" : o.getMetadata().getName();
    }
}
