package dev.junction.nft;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * nftables through libnftables ({@code libnftables.so.1}, nft 1.0.6) over the FFM API: no fork per update
 * (0.1 to 0.25 ms for a one-element transaction against 3 to 5 ms for an {@code nft} process; see
 * {@code NftBenchmarkTest}).
 *
 * <p><b>Not thread-safe.</b> An {@code nft_ctx} holds one netlink socket, parser state and output buffers;
 * use one instance per thread, or serialise access.
 *
 * <p>The netlink socket is opened by {@code nft_ctx_new} and, since nftables 0.9.9, kept until
 * {@code nft_ctx_free} (table ownership relies on it; the older re-open after an interrupted dump is gone).
 * So an instance belongs to the network namespace of the thread that constructed it, whichever thread uses it
 * later: build it inside {@link NetNs#call} to work on a namespace ({@code LibNftKernelTest} checks this).
 *
 * <p>Every run reads and so resets both the output and the error buffer (libnftables only rewinds a buffer
 * when it is read), so one run's messages never leak into the next.
 */
public final class LibNft implements Nft, AutoCloseable {
    /** {@code NFT_CTX_OUTPUT_JSON} from nftables/libnftables.h. */
    static final int OUTPUT_JSON = 1 << 4;

    private MemorySegment ctx;

    /** Creates a context; throws UnsupportedOperationException when libnftables cannot be loaded. */
    public LibNft() {
        if (!available()) {
            throw new UnsupportedOperationException("libnftables.so.1 cannot be loaded: " + Native.LOAD_ERROR);
        }
        try {
            MemorySegment c = (MemorySegment) Native.CTX_NEW.invokeExact(0);
            if (c.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("nft_ctx_new returned NULL");
            }
            ctx = c;
            int a = (int) Native.BUFFER_OUTPUT.invokeExact(ctx);
            int b = (int) Native.BUFFER_ERROR.invokeExact(ctx);
            if (a != 0 || b != 0) {
                close();
                throw new IllegalStateException("nft_ctx_buffer_output/error failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Whether libnftables.so.1 loads and has every function used here. */
    public static boolean available() {
        return Native.LOAD_ERROR == null;
    }

    @Override
    public void apply(Transaction tx) throws NftException {
        if (tx.isEmpty()) {
            return;
        }
        String text = tx.toString();
        Result r = run(text);
        if (r.rc != 0) {
            throw new NftException("nft refused the transaction on " + tx.table().spec(), text, r.error);
        }
    }

    @Override
    public Optional<TableState> list(TableRef table) throws NftException {
        String cmd = NftJson.listCommand(table);
        Result r;
        int flags = outputFlags();
        setOutputFlags(flags | OUTPUT_JSON);
        try {
            r = run(cmd);
        } finally {
            // While JSON output is on, 1.0.6 tries the JSON parser on input too: switch it off before apply.
            setOutputFlags(flags);
        }
        if (r.rc != 0) {
            if (NftJson.isNoSuchTable(r.error)) {
                return Optional.empty();
            }
            throw new NftException("nft could not list " + table.spec(), cmd, r.error);
        }
        return Optional.of(NftJson.parse(r.output, table));
    }

    /**
     * Runs any nft command text (one or more lines, atomic as one batch) and returns what it printed. For
     * diagnostics and tests; production code goes through {@link #apply} and {@link #list}.
     */
    public String run(String commands, boolean json) throws NftException {
        int flags = outputFlags();
        setOutputFlags(json ? flags | OUTPUT_JSON : flags & ~OUTPUT_JSON);
        try {
            Result r = run(commands);
            if (r.rc != 0) {
                throw new NftException("nft failed", commands, r.error);
            }
            return r.output;
        } finally {
            setOutputFlags(flags);
        }
    }

    @Override
    public void close() {
        if (ctx != null) {
            try {
                Native.CTX_FREE.invokeExact(ctx);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            } finally {
                ctx = null;
            }
        }
    }

    private record Result(int rc, String output, String error) {
    }

    private Result run(String text) {
        MemorySegment c = ctx();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocateFrom(text);
            int rc = (int) Native.RUN_CMD_FROM_BUFFER.invokeExact(c, buf);
            String out = string((MemorySegment) Native.GET_OUTPUT_BUFFER.invokeExact(c));
            String err = string((MemorySegment) Native.GET_ERROR_BUFFER.invokeExact(c));
            return new Result(rc, out, err);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private int outputFlags() {
        try {
            return (int) Native.OUTPUT_GET_FLAGS.invokeExact(ctx());
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private void setOutputFlags(int flags) {
        try {
            Native.OUTPUT_SET_FLAGS.invokeExact(ctx(), flags);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private MemorySegment ctx() {
        if (ctx == null) {
            throw new IllegalStateException("LibNft is closed");
        }
        return ctx;
    }

    private static String string(MemorySegment p) {
        return p.equals(MemorySegment.NULL) ? "" : p.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** The bound functions, resolved once; a missing library leaves LOAD_ERROR set instead of failing. */
    private static final class Native {
        static final String LOAD_ERROR;
        static final MethodHandle CTX_NEW;
        static final MethodHandle CTX_FREE;
        static final MethodHandle BUFFER_OUTPUT;
        static final MethodHandle BUFFER_ERROR;
        static final MethodHandle RUN_CMD_FROM_BUFFER;
        static final MethodHandle GET_OUTPUT_BUFFER;
        static final MethodHandle GET_ERROR_BUFFER;
        static final MethodHandle OUTPUT_GET_FLAGS;
        static final MethodHandle OUTPUT_SET_FLAGS;

        static {
            MethodHandle[] h = new MethodHandle[9];
            String error = null;
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup lib = SymbolLookup.libraryLookup("libnftables.so.1", Arena.global());
                Object[][] sigs = {
                    // struct nft_ctx *nft_ctx_new(uint32_t flags)
                    {"nft_ctx_new", FunctionDescriptor.of(ADDRESS, JAVA_INT)},
                    {"nft_ctx_free", FunctionDescriptor.ofVoid(ADDRESS)},
                    {"nft_ctx_buffer_output", FunctionDescriptor.of(JAVA_INT, ADDRESS)},
                    {"nft_ctx_buffer_error", FunctionDescriptor.of(JAVA_INT, ADDRESS)},
                    // int nft_run_cmd_from_buffer(struct nft_ctx *nft, const char *buf)
                    {"nft_run_cmd_from_buffer", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)},
                    {"nft_ctx_get_output_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS)},
                    {"nft_ctx_get_error_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS)},
                    // unsigned int nft_ctx_output_get_flags(struct nft_ctx *ctx)
                    {"nft_ctx_output_get_flags", FunctionDescriptor.of(JAVA_INT, ADDRESS)},
                    {"nft_ctx_output_set_flags", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT)},
                };
                for (int i = 0; i < sigs.length; i++) {
                    String name = (String) sigs[i][0];
                    MemorySegment sym = lib.find(name).orElseThrow(() -> new IllegalArgumentException("no " + name));
                    h[i] = linker.downcallHandle(sym, (FunctionDescriptor) sigs[i][1]);
                }
            } catch (IllegalArgumentException | IllegalCallerException | UnsatisfiedLinkError e) {
                error = e.toString();
            }
            LOAD_ERROR = error;
            CTX_NEW = h[0];
            CTX_FREE = h[1];
            BUFFER_OUTPUT = h[2];
            BUFFER_ERROR = h[3];
            RUN_CMD_FROM_BUFFER = h[4];
            GET_OUTPUT_BUFFER = h[5];
            GET_ERROR_BUFFER = h[6];
            OUTPUT_GET_FLAGS = h[7];
            OUTPUT_SET_FLAGS = h[8];
        }
    }
}
