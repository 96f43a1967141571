package dev.junction.agent.bench;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * glibc's {@code malloc_trim(0)}: hands the free memory the C allocator keeps (after libnftables freed a big
 * batch's parse trees, say) back to the kernel. A diagnostic only: the benchmark calls it after reading the RSS,
 * to tell how much of that RSS was free memory.
 */
final class MallocTrim {
    private static final Optional<MethodHandle> TRIM = Linker.nativeLinker().defaultLookup().find("malloc_trim")
            .map(s -> Linker.nativeLinker().downcallHandle(s, FunctionDescriptor.of(JAVA_INT, JAVA_LONG)));

    private MallocTrim() {}

    /** Returns false where there is no malloc_trim (not glibc). */
    static boolean trim() {
        if (TRIM.isEmpty()) {
            return false;
        }
        try {
            int ignored = (int) TRIM.get().invokeExact(0L);
            return true;
        } catch (Throwable t) {
            return false;
        }
    }
}
