package dev.junction.kube;

import dev.junction.kube.ManifestParser.InvalidManifest;
import dev.junction.kube.ManifestParser.ObjectId;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source that reads Services, EndpointSlices and Nodes (for the {@link StoreFeeder}) and Pods, Namespaces and
 * NetworkPolicies (for the {@link PolicyFeeder}, when one is given) from a folder of manifests instead of an API
 * server (sandbox runs, benchmarks, clusters without a control plane), and feeds the same feeders as the informers.
 *
 * <p><b>Files</b>: {@code *.yaml}, {@code *.yml} and {@code *.json} directly in the folder (not in sub-folders;
 * names starting with a dot, such as editor swap files and a ConfigMap volume's {@code ..data}, are skipped).
 * Symbolic links are followed. See {@link ManifestParser} for the format.
 *
 * <p><b>Changes</b>: {@link #start()} reads the folder once, marks every kind synced, then polls it (default
 * every {@value #DEFAULT_POLL_MILLIS} ms). Polling by (mtime, size, content hash) works on every file system,
 * including the overlay and network ones where inotify misses changes. A file whose mtime and size are unchanged
 * is not re-read unless its mtime was within {@value #RACY_MILLIS} ms of the time it was last read, since
 * file-system timestamps are coarse and a same-size edit in the same tick would otherwise go unnoticed (git's
 * "racy" rule). Every poll turns the difference between the old and the new set of objects into add, update and
 * delete events; an object's identity is kind + namespace + name, so moving it to another file is at most an
 * update, never a delete followed by an add. If two files define the same object, the first file by name wins
 * and a warning is reported.
 *
 * <p><b>Errors</b>: a file that fails to parse is reported to {@link Rejections} once per content, and the
 * objects it had before stay in force until it is fixed or deleted. A folder that cannot be listed changes
 * nothing (a vanished mount must not delete every service) and, before the first successful read, keeps the
 * kinds unsynced.
 *
 * <p>Tests call {@link #rescan()} directly instead of waiting for the poller.
 */
public final class ManifestSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ManifestSource.class);
    static final long DEFAULT_POLL_MILLIS = 500;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(DEFAULT_POLL_MILLIS);
    static final long RACY_MILLIS = 2000;
    private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

    /**
     * What was last seen of one file.
     *
     * @param objects the objects in force for this file: from its last content that parsed
     * @param problem the last problem reported for it, so the same one is not reported on every poll
     */
    private record FileState(FileTime mtime, long size, long readAtMillis, byte[] hash,
            Map<ObjectId, HasMetadata> objects, String problem) {
        boolean unchangedSince(BasicFileAttributes a) {
            return a.lastModifiedTime().equals(mtime) && a.size() == size
                    && readAtMillis - mtime.toMillis() > RACY_MILLIS;
        }
    }

    private final Path directory;
    private final ManifestEvents events;
    private final Set<String> kinds;
    private final Rejections rejections;
    private final Duration pollInterval;
    private Map<Path, FileState> files = Map.of();
    private Map<ObjectId, HasMetadata> current = Map.of();
    private boolean synced;
    private String listingProblem;
    private ScheduledExecutorService poller;

    /** The service proxy's kinds only (Services, EndpointSlices, Nodes). */
    public ManifestSource(Path directory, StoreFeeder feeder, Rejections rejections, Duration pollInterval) {
        this(directory, Objects.requireNonNull(feeder), null, rejections, pollInterval);
    }

    public ManifestSource(Path directory, StoreFeeder feeder, Rejections rejections) {
        this(directory, feeder, rejections, DEFAULT_POLL_INTERVAL);
    }

    /**
     * @param feeder the service proxy's feeder, or null to read no Services, EndpointSlices and Nodes
     * @param policies the firewall's feeder, or null to read no Pods, Namespaces and NetworkPolicies
     * @throws IllegalArgumentException if both are null
     */
    public ManifestSource(Path directory, StoreFeeder feeder, PolicyFeeder policies, Rejections rejections,
            Duration pollInterval) {
        this.directory = Objects.requireNonNull(directory);
        this.events = new ManifestEvents(feeder, policies);
        this.kinds = events.kinds();
        this.rejections = Objects.requireNonNull(rejections);
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
        }
        this.pollInterval = pollInterval;
    }

    /** Reads the folder now (so the store is filled when this returns, if the folder is readable), then polls. */
    public synchronized void start() {
        if (poller != null) {
            throw new IllegalStateException("already started");
        }
        rescan();
        poller = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("junction-manifests").daemon().unstarted(r));
        long millis = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** True once the folder has been read completely at least once. */
    public synchronized boolean hasSynced() {
        return synced;
    }

    /**
     * Reads what changed and emits the events. Called by the poller; tests call it directly.
     *
     * @return false if the folder could not be listed (nothing changed)
     */
    public synchronized boolean rescan() {
        List<Path> paths;
        try {
            paths = listManifests();
            listingProblem = null;
        } catch (IOException | UncheckedIOException e) {
            String problem = "cannot list the folder: " + e;
            if (!problem.equals(listingProblem)) {
                rejections.rejected(Rejections.MANIFEST, "", directory.toString(), problem);
                listingProblem = problem;
            }
            return false;
        }
        Map<Path, FileState> next = new TreeMap<>();
        boolean changed = !files.keySet().equals(Set.copyOf(paths));
        for (Path p : paths) {
            FileState prev = files.get(p);
            FileState now = refresh(p, prev);
            if (now != null) {
                next.put(p, now);
                changed |= prev == null || now.objects() != prev.objects();
            }
        }
        files = next;
        if (changed) {
            Map<ObjectId, HasMetadata> desired = merge(next);
            emit(current, desired);
            current = desired;
        }
        if (!synced) {
            synced = true;
            log.info("read {} objects from {} manifest files in {}", current.size(), files.size(), directory);
            events.synced();
        }
        return true;
    }

    /** Stops polling; the store keeps what it has. */
    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    /** A scheduled task that throws is never run again: nothing may escape. */
    private void poll() {
        try {
            rescan();
        } catch (Throwable t) {
            log.error("scanning {} failed; trying again in {} ms", directory, pollInterval.toMillis(), t);
        }
    }

    private List<Path> listManifests() throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(ManifestSource::isManifestName).filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static boolean isManifestName(Path p) {
        String name = p.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /** The file's new state; {@code prev} itself if nothing changed; null if the file has gone. */
    private FileState refresh(Path p, FileState prev) {
        String name = p.getFileName().toString();
        BasicFileAttributes attrs;
        byte[] content;
        try {
            attrs = Files.readAttributes(p, BasicFileAttributes.class);
            if (prev != null && prev.unchangedSince(attrs)) {
                return prev;
            }
            content = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return null; // deleted between listing and reading: it is gone
        } catch (IOException e) {
            String problem = "cannot read: " + e;
            report(name, prev, problem);
            return prev == null ? new FileState(FileTime.fromMillis(0), -1, 0, new byte[0], Map.of(), problem)
                    : withProblem(prev, problem);
        }
        long readAt = System.currentTimeMillis();
        byte[] hash = sha256(content);
        if (prev != null && Arrays.equals(hash, prev.hash())) {
            return new FileState(attrs.lastModifiedTime(), attrs.size(), readAt, hash, prev.objects(), prev.problem());
        }
        try {
            Map<ObjectId, HasMetadata> objects = ManifestParser.parse(content, name, kinds);
            return new FileState(attrs.lastModifiedTime(), attrs.size(), readAt, hash, objects, null);
        } catch (InvalidManifest e) {
            // Only new content gets here, so this reports once per broken content.
            String problem = e.getMessage();
            rejections.rejected(Rejections.MANIFEST, "", name, problem + " (its previous objects stay in force)");
            Map<ObjectId, HasMetadata> kept = prev == null ? Map.of() : prev.objects();
            return new FileState(attrs.lastModifiedTime(), attrs.size(), readAt, hash, kept, problem);
        }
    }

    private void report(String file, FileState prev, String problem) {
        if (prev == null || !problem.equals(prev.problem())) {
            rejections.rejected(Rejections.MANIFEST, "", file, problem);
        }
    }

    private static FileState withProblem(FileState s, String problem) {
        return new FileState(s.mtime(), s.size(), s.readAtMillis(), s.hash(), s.objects(), problem);
    }

    /** Every file's objects; the first file by name wins an object defined twice. */
    private Map<ObjectId, HasMetadata> merge(Map<Path, FileState> byFile) {
        Map<ObjectId, HasMetadata> out = new TreeMap<>();
        Map<ObjectId, Path> owner = new HashMap<>();
        byFile.forEach((file, state) -> state.objects().forEach((id, o) -> {
            Path first = owner.putIfAbsent(id, file);
            if (first == null) {
                out.put(id, o);
            } else {
                rejections.warned(id.kind(), id.namespace(), id.name(), "defined in both " + first.getFileName()
                        + " and " + file.getFileName() + "; using " + first.getFileName());
            }
        }));
        return out;
    }

    private void emit(Map<ObjectId, HasMetadata> before, Map<ObjectId, HasMetadata> after) {
        int added = 0;
        int updated = 0;
        int deleted = 0;
        for (Map.Entry<ObjectId, HasMetadata> e : after.entrySet()) {
            HasMetadata old = before.get(e.getKey());
            if (old == null) {
                events.dispatch(null, e.getValue());
                added++;
            } else if (!old.equals(e.getValue())) {
                events.dispatch(old, e.getValue());
                updated++;
            }
        }
        for (Map.Entry<ObjectId, HasMetadata> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                events.dispatch(e.getValue(), null);
                deleted++;
            }
        }
        if (added + updated + deleted > 0) {
            log.info("{}: {} added, {} updated, {} deleted", directory, added, updated, deleted);
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
