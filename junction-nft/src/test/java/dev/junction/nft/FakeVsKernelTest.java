package dev.junction.nft;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;

import static dev.junction.nft.StrictnessCases.MISSING;
import static dev.junction.nft.StrictnessCases.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs every {@link StrictnessCases} batch through the kernel (libnftables in a throw-away namespace) and
 * through {@link FakeNft}: both must accept or refuse it as recorded, and end in the same listed state.
 */
@Tag("kernel")
class FakeVsKernelTest {
    private static TestNetns ns;

    @BeforeAll
    static void namespace() throws Exception {
        assumeTrue(LibNft.available(), "libnftables.so.1 not loadable");
        ns = TestNetns.create();
    }

    @AfterAll
    static void deleteNamespace() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    static List<StrictnessCases.Case> cases() {
        return StrictnessCases.all();
    }

    private record Outcome(boolean ok, String error, Optional<TableState> before, Optional<TableState> after) {
    }

    private static Outcome run(Nft nft, StrictnessCases.Case c) throws Exception {
        if (nft.list(T).isPresent()) {
            nft.apply(new Transaction(T).deleteTable());
        }
        nft.apply(StrictnessCases.setup());
        Optional<TableState> before = nft.list(T);
        String error = null;
        try {
            nft.apply(c.transaction());
        } catch (NftException e) {
            error = e.errorOutput();
        }
        assertThat(nft.list(MISSING)).as("the missing table never appears").isEmpty();
        return new Outcome(error == null, error, before, nft.list(T));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fakeAndKernelAgree(StrictnessCases.Case c) throws Exception {
        Outcome kernel = ns.call(() -> {
            try (LibNft nft = new LibNft()) {
                return run(nft, c);
            }
        });
        Outcome fake = run(new FakeNft(), c);

        assertThat(kernel.ok()).as("kernel outcome (error: %s)", kernel.error()).isEqualTo(c.ok());
        assertThat(fake.ok()).as("fake outcome (error: %s)", fake.error()).isEqualTo(c.ok());
        assertThat(fake.before()).as("setup state").isEqualTo(kernel.before());
        assertThat(fake.after()).as("state after the batch").isEqualTo(kernel.after());
        if (!c.ok()) {
            assertThat(kernel.after()).as("a refused batch changes nothing").isEqualTo(kernel.before());
        }
    }
}
