// IP plan: none needed (a source scan). Proxy tests use pods 10.244.0.0/16, ClusterIPs 10.96.0.0/12,
// node 192.168.0.2, external/LB 203.0.113.0/24.
package dev.junction.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model and the compiler are pure (conventions §8.1, §8.5): they import nothing from the Kubernetes client,
 * the data plane or any file, socket, process or native access, and the compiler reads no clock or randomness.
 * Checked on the source text, so it holds for fully qualified names in code too (comments are ignored).
 */
@Tag("unit")
class PurityTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?;", Pattern.MULTILINE);
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    /** Forbidden anywhere in code: I/O, the API client, the data plane, native access, processes. */
    private static final List<String> NO_IO = List.of("io.fabric8", "java.net.", "java.io.", "java.nio.file",
            "java.nio.channels", "java.lang.foreign", "dev.junction.nft", "dev.junction.kube", "ProcessBuilder",
            "Runtime.getRuntime", "System.getenv", "System.out", "System.err", "System.in", "sun.misc", "jdk.internal");
    private static final Pattern DESIRED_VALUES = Pattern.compile("dev\\.junction\\.nft\\.desired\\.(Fragment|ChainDef|SetDef|HashedNames)\\b");
    /** The compiler is a pure function: no clock, no randomness, no threads either. */
    private static final List<String> PURE = List.of("System.currentTimeMillis", "System.nanoTime", "Instant.now",
            "java.time.Clock", "java.util.Random", "ThreadLocalRandom", "SecureRandom", "new Thread", "Executor");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../junction-model/src/main/java/dev/junction/model", "src/main/java/dev/junction/proxy/compile"})
    void sourcesImportOnlyPureApis(String dir) throws IOException {
        boolean compiler = dir.endsWith("compile");
        List<Path> files = sources(dir);
        assertThat(files).as("sources under " + dir).hasSizeGreaterThan(compiler ? 5 : 10);
        assertThat(offences(files, compiler)).isEmpty();
    }

    @Test
    void theScanCatchesForbiddenImportsAndQualifiedUses(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("Bad.java");
        Files.writeString(bad, "package x;\nimport java.net.Socket;\n// java.io.File in a comment is fine\n"
                + "class Bad { long t = System.nanoTime(); Object f = new java.io.File(\"java.net\"); }\n");
        assertThat(offences(List.of(bad), true)).containsExactlyInAnyOrder("Bad.java: import java.net.Socket",
                "Bad.java: uses java.net.", "Bad.java: uses java.io.", "Bad.java: uses System.nanoTime");
        assertThat(offences(List.of(bad), false)).doesNotContain("Bad.java: uses System.nanoTime");
    }

    private static List<String> offences(List<Path> files, boolean compiler) throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path f : files) {
            String code = STRINGS.matcher(COMMENTS.matcher(Files.readString(f)).replaceAll(" ")).replaceAll("\"\"");
            // The desired-state values (Fragment, ChainDef, SetDef) are plain records the compiler builds.
            code = DESIRED_VALUES.matcher(code).replaceAll("desired_value");
            Matcher m = IMPORT.matcher(code);
            while (m.find()) {
                if (!allowedImport(m.group(1), compiler)) {
                    offences.add(f.getFileName() + ": import " + m.group(1));
                }
            }
            for (String bad : compiler ? concat(NO_IO, PURE) : NO_IO) {
                if (Pattern.compile(Pattern.quote(bad) + (bad.endsWith(".") ? "" : "\\b")).matcher(code).find()) {
                    offences.add(f.getFileName() + ": uses " + bad);
                }
            }
        }
        return offences;
    }

    /**
     * What the pure packages may import: the collections, hashing for names ({@code Names.hash8}), the model,
     * and (the compiler only) its own package.
     */
    private static boolean allowedImport(String name, boolean compiler) {
        return name.startsWith("java.util.") || name.startsWith("java.math.")
                || name.equals("java.nio.charset.StandardCharsets")
                || (compiler && (name.equals("java.security.MessageDigest")
                        || name.equals("java.security.NoSuchAlgorithmException")))
                || name.startsWith("dev.junction.model.")
                || (compiler && name.startsWith("dev.junction.proxy.compile."))
                || (compiler && name.equals("desired_value"));
    }

    private static List<Path> sources(String dir) throws IOException {
        Path root = Path.of(System.getProperty("basedir", ".")).resolve(dir).normalize();
        assertThat(root).as("source folder").isDirectory();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
