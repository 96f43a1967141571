package dev.junction.kube;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every report through SLF4J (logger {@code dev.junction.kube.Rejections}) and counts them per kind. */
public final class LoggingRejections implements Rejections {
    private static final Logger log = LoggerFactory.getLogger(Rejections.class);

    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> warned = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();

    @Override
    public void rejected(String kind, String namespace, String name, String reason) {
        count(rejected, kind);
        log.warn("rejected {} {}: {} (the last valid version, if any, stays in force)", kind, id(namespace, name), reason);
    }

    @Override
    public void warned(String kind, String namespace, String name, String warning) {
        count(warned, kind);
        log.warn("{} {}: {}", kind, id(namespace, name), warning);
    }

    @Override
    public void failed(String kind, String namespace, String name, Throwable error) {
        count(failed, kind);
        log.error("handling {} {} failed; the event was dropped", kind, id(namespace, name), error);
    }

    public long rejectedCount(String kind) {
        return get(rejected, kind);
    }

    public long warnedCount(String kind) {
        return get(warned, kind);
    }

    public long failedCount(String kind) {
        return get(failed, kind);
    }

    private static void count(Map<String, LongAdder> counts, String kind) {
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private static long get(Map<String, LongAdder> counts, String kind) {
        LongAdder a = counts.get(kind);
        return a == null ? 0 : a.sum();
    }

    private static String id(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? String.valueOf(name) : namespace + "/" + name;
    }
}
