package dev.junction.agent.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.concurrent.TimeUnit;

/**
 * Everything one sandbox created outside the JVM: network namespaces and child processes. {@link #release}
 * stops the processes (SIGTERM, then SIGKILL after 2 s; only processes started here, by their own handle) and
 * then deletes the namespaces (which takes their veths and bridges with them). Safe to call more than once and
 * from a shutdown hook.
 */
final class OwnedResources {

    private final SequencedSet<String> namespaces = new LinkedHashSet<>();
    private final List<Process> processes = new ArrayList<>();
    private boolean released;

    synchronized void namespace(String name) {
        if (released) {
            throw new IllegalStateException("sandbox closed");
        }
        namespaces.add(name);
    }

    synchronized void forgetNamespace(String name) {
        namespaces.remove(name);
    }

    /** Tracks a started process; one started after {@link #release} (a racing probe) is killed at once. */
    synchronized void process(Process p) {
        if (released) {
            p.destroyForcibly();
            return;
        }
        processes.add(p);
    }

    synchronized void forgetProcess(Process p) {
        processes.remove(p);
    }

    synchronized List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    /** Stops all processes and deletes all namespaces; returns the problems (empty if all went away). */
    synchronized List<String> release() {
        released = true;
        List<String> problems = new ArrayList<>();
        stopAll(List.copyOf(processes));
        processes.clear();
        for (String ns : namespaces.reversed()) {
            var r = Exec.run(List.of("ip", "netns", "del", ns));
            if (!r.ok() && !r.stderr().contains("No such file")) {
                problems.add("ip netns del " + ns + ": " + r.stderr().strip());
            }
        }
        namespaces.clear();
        return problems;
    }

    /** SIGTERM all, give them 2 s together, then SIGKILL the rest. */
    static void stopAll(List<Process> list) {
        list.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Process p : list) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
