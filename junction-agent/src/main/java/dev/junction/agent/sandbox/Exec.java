package dev.junction.agent.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs short commands (ip, sysctl, curl) to completion, with a time limit, capturing their output. */
public final class Exec {

    /** The outcome of one command. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** Throws unless the command succeeded. */
        public Result check() {
            if (!ok()) {
                throw new IllegalStateException("command failed (exit " + exitCode + "): "
                        + String.join(" ", command) + (stderr.isBlank() ? "" : "\n" + stderr.strip()));
            }
            return this;
        }
    }

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Stdin for long-running children: they read nothing, and must not hold the sandbox's stdin. */
    static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new File("/dev/null"));

    private Exec() {
    }

    public static Result run(List<String> command) {
        return run(command, null, DEFAULT_TIMEOUT);
    }

    public static Result run(List<String> command, String stdin, Duration timeout) {
        return run(command, stdin, timeout, null);
    }

    /**
     * Like {@link #run(List, String, Duration)}, registering the process with {@code owned} while it runs, so a
     * sandbox shutting down mid-probe stops it too (a process inside a deleted namespace keeps it alive).
     */
    static Result run(List<String> command, String stdin, Duration timeout, OwnedResources owned) {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst(), e);
        }
        if (owned != null) {
            owned.process(p);
        }
        try {
            return await(p, command, stdin, timeout);
        } finally {
            if (owned != null) {
                owned.forgetProcess(p);
            }
        }
    }

    private static Result await(Process p, List<String> command, String stdin, Duration timeout) {
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(command, -1, out.getNow(""), "timed out after " + timeout);
            }
            return new Result(command, p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            p.destroyForcibly();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, Thread::startVirtualThread);
    }
}
