package dev.junction.nft;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * nftables through the {@code nft} binary: the fallback where libnftables is missing, and an independent
 * oracle for {@link LibNft} in tests. {@code apply} feeds the whole batch to {@code nft -f -} (one process,
 * one atomic transaction); {@code list} runs {@code nft -j list table}.
 *
 * <p>An optional command prefix runs nft elsewhere, e.g. {@code ip netns exec NS} for a test namespace.
 * Each call forks a process (~4 ms), so use {@link LibNft} on hot paths. Safe for concurrent use (the kernel
 * serialises transactions), but two callers interleaving on one table get no ordering guarantee.
 */
public final class ExecNft implements Nft {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final List<String> prefix;
    private final String binary;

    /** {@code nft} from the PATH, in the caller's own network namespace. */
    public ExecNft() {
        this(List.of(), "nft");
    }

    /**
     * @param prefix words put before the nft command, e.g. {@code [ip, netns, exec, NS]}
     * @param binary the nft binary, e.g. {@code nft} or {@code /usr/sbin/nft}
     */
    public ExecNft(List<String> prefix, String binary) {
        this.prefix = List.copyOf(prefix);
        this.binary = binary;
    }

    /** nft inside the named network namespace, through {@code ip netns exec}. */
    public static ExecNft inNamespace(String netns) {
        return new ExecNft(List.of("ip", "netns", "exec", netns), "nft");
    }

    @Override
    public void apply(Transaction tx) throws NftException {
        if (tx.isEmpty()) {
            return;
        }
        String text = tx.toString();
        Output r = exec(text, "-f", "-");
        if (r.rc != 0) {
            throw new NftException("nft refused the transaction on " + tx.table().spec(), text, r.stderr);
        }
    }

    @Override
    public Optional<TableState> list(TableRef table) throws NftException {
        String cmd = NftJson.listCommand(table);
        Output r = exec("", "-j", "list", "table", table.family().nftName(), table.name());
        if (r.rc != 0) {
            if (NftJson.isNoSuchTable(r.stderr)) {
                return Optional.empty();
            }
            throw new NftException("nft could not list " + table.spec(), cmd, r.stderr);
        }
        return Optional.of(NftJson.parse(r.stdout, table));
    }

    private record Output(int rc, String stdout, String stderr) {
    }

    private Output exec(String stdin, String... args) throws NftException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(binary);
        cmd.addAll(List.of(args));
        String shown = String.join(" ", cmd);
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new NftException("cannot start " + shown + ": " + e.getMessage(), stdin, "");
        }
        // Drain both streams while writing stdin: a large batch with many errors must not deadlock on a pipe.
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // nft exited early (e.g. it could not enter the namespace); its stderr says why.
        }
        try {
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new NftException(shown + " did not finish within " + TIMEOUT, stdin, "");
            }
            return new Output(p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NftException(shown + " interrupted", stdin, "");
        } catch (ExecutionException e) {
            throw new NftException("cannot read the output of " + shown + ": " + e.getCause(), stdin, "");
        }
    }

    private static CompletableFuture<String> drain(InputStream s) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread.ofVirtual().name("nft-drain").start(() -> {
            try (s) {
                f.complete(new String(s.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }
}
