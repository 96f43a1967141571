// IP plan: pods 10.244.0.0/16, ClusterIPs 10.96.0.0/12, node 192.168.0.2, external clients and LB IPs
// 203.0.113.0/24; IPv6 pods fd00:10:244::/56, ClusterIPs fd00:10:96::/108, node fd00:192:168::2.
package dev.junction.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junction.nft.FakeNft;
import dev.junction.nft.LibNft;
import dev.junction.nft.Nft;
import dev.junction.nft.NftException;
import dev.junction.nft.TableRef;
import dev.junction.nft.TableState;
import dev.junction.nft.TestNetns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The golden scenario's journey through the real kernel (libnftables in a throw-away network namespace), in
 * lockstep with the same journey over FakeNft: the kernel accepts every batch, and after every step lists
 * exactly what the fake holds. A restarted agent then adopts the kernel's table without touching an element.
 */
@Tag("kernel")
@ExtendWith(TestNetns.Extension.class)
class ProxyKernelTest {
    private static final List<TableRef> TABLES = List.of(Harness.V4, Harness.V6, Journey.FOREIGN, Journey.FOREIGN_INET);

    @Test
    void kernelAcceptsEveryBatchAndListsWhatTheFakeHolds(TestNetns ns) throws Exception {
        assumeTrue(LibNft.available(), "libnftables.so.1 not loadable");
        ns.call(() -> {
            try (LibNft kernel = new LibNft()) {
                FakeNft fake = new FakeNft();
                Journey.addForeignTables(kernel);
                Journey.addForeignTables(fake);
                Optional<TableState> foreign = kernel.list(Journey.FOREIGN);
                Journey inKernel = new Journey(kernel);
                Journey inFake = new Journey(fake);
                List<Journey.Step> kernelSteps = inKernel.steps();
                List<Journey.Step> fakeSteps = inFake.steps();
                for (int i = 0; i < kernelSteps.size(); i++) {
                    fakeSteps.get(i).action().run();
                    kernelSteps.get(i).action().run();
                    for (TableRef t : TABLES) {
                        assertThat(normalised(kernel, t)).as(kernelSteps.get(i).name() + ": " + t.spec())
                                .isEqualTo(normalised(fake, t));
                    }
                }
                List<NftProxier.SyncResult> adopted = inKernel.restart();
                assertThat(adopted).allMatch(r -> r.full() && r.elementsChanged() == 0);
                assertThat(kernel.list(Journey.FOREIGN)).isEqualTo(foreign);
                assertThat(normalised(kernel, Harness.V4)).isEqualTo(normalised(fake, Harness.V4));
            }
            return null;
        });
    }

    /** The listing as sorted lines (the kernel lists in creation order): chains, sets, then elements. */
    private static String normalised(Nft nft, TableRef t) throws NftException {
        Optional<TableState> state = nft.list(t);
        if (state.isEmpty()) {
            return "(no table)";
        }
        List<String> lines = new ArrayList<>();
        state.get().chains().forEach(c -> lines.add("chain " + c));
        state.get().sets().forEach((set, elems) -> {
            lines.add("set " + set);
            elems.forEach((k, v) -> lines.add("element " + set + " { " + k + (v.isEmpty() ? "" : " : " + v) + " }"));
        });
        Collections.sort(lines);
        return String.join("\n", lines);
    }
}
