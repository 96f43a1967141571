// IP plan: see GoldenScenario (node-a pods 10.244.1.0/24 and fd00:10:244:1::/64).
package dev.junction.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junction.model.IpFamily;
import dev.junction.nft.FakeNft;
import dev.junction.nft.LibNft;
import dev.junction.nft.Nft;
import dev.junction.nft.NftException;
import dev.junction.nft.TableRef;
import dev.junction.nft.TableState;
import dev.junction.nft.TestNetns;
import dev.junction.nft.desired.Fragment;
import dev.junction.nft.desired.TableSync;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The golden scenario's firewall through the real kernel (libnftables in a throw-away network namespace), in
 * lockstep with FakeNft: the kernel takes every generated rule (comments, log, limit, concatenated and interval
 * sets, verdict maps), lists what the fake holds, takes an incremental update, and a restarted agent's full resync
 * (list, then converge) adopts the table without changing one element.
 */
@Tag("kernel")
@ExtendWith(TestNetns.Extension.class)
class FirewallKernelAcceptsTest {

    @Test
    void kernelAcceptsEveryGeneratedRuleAndAResyncAdoptsIt(TestNetns ns) throws Exception {
        assumeTrue(LibNft.available(), "libnftables.so.1 not loadable");
        ns.call(() -> {
            try (LibNft kernel = new LibNft()) {
                for (IpFamily f : IpFamily.values()) {
                    TableRef table = SimulatedCluster.table(f);
                    GoldenScenario s = new GoldenScenario();
                    SortedMap<String, Fragment> fragments = s.compile(f);
                    FakeNft fake = new FakeNft();
                    TableSync inKernel = new TableSync(kernel, table);
                    TableSync inFake = new TableSync(fake, table);
                    inKernel.replaceAll(fragments);
                    inFake.replaceAll(fragments);
                    assertThat(normalised(kernel, table)).as(table.spec()).isEqualTo(normalised(fake, table));

                    String listing = ns.nft("list", "table", table.family().nftName(), table.name());
                    assertThat(listing).as(listing)
                            .contains("comment \"shop/web-ingress ingress[1]\"", "comment \"a pod may always reach itself\"",
                                    "limit rate 10/second burst 20 packets", "log prefix \"junction ingress drop shop/web-0: \" group 100",
                                    "flags interval", "dport 9090-9091", "vmap @egress-pods", "vmap @ingress-pods");
                    if (f == IpFamily.V4) {
                        assertThat(listing).contains("type ipv4_addr . inet_proto . inet_service",
                                "ip daddr . meta l4proto . th dport @named-", "0.0.0.0-9.255.255.255", "meta l4proto tcp");
                    }

                    // An incremental update: a pod relabelled, a policy gone.
                    s.relabel("shop/web-0", Map.of("app", "api"));
                    s.policies.remove("shop/db-access");
                    SortedMap<String, Fragment> after = s.compile(f);
                    Map<String, Fragment> changed = new TreeMap<>(after);
                    fragments.keySet().stream().filter(o -> !after.containsKey(o)).forEach(o -> changed.put(o, Fragment.EMPTY));
                    inKernel.update(changed);
                    inFake.update(changed);
                    assertThat(normalised(kernel, table)).as(table.spec() + " after update").isEqualTo(normalised(fake, table));

                    // A restart: a new sync lists the kernel's table and converges on the same state.
                    TableSync.Result adopted = new TableSync(kernel, table).replaceAll(after);
                    assertThat(adopted.elementsChanged()).as(table.spec() + " elements changed by the resync").isZero();
                    assertThat(normalised(kernel, table)).isEqualTo(normalised(fake, table));
                    assertThat(new FirewallTracer(fake, table)).isNotNull(); // the tracer knows every shape here
                }
            }
            return null;
        });
    }

    /** Names at Kubernetes' maximum: nft refuses (comments) or crashes on (log prefixes) texts that do not fit. */
    @Test
    void kernelAcceptsTheLongestValidNames(TestNetns ns) throws Exception {
        assumeTrue(LibNft.available(), "libnftables.so.1 not loadable");
        ns.call(() -> {
            try (LibNft kernel = new LibNft()) {
                FakeNft fake = new FakeNft();
                for (IpFamily f : IpFamily.values()) {
                    TableRef table = SimulatedCluster.table(f);
                    SortedMap<String, Fragment> fragments = new GoldenScenario().withLongestNames().compile(f);
                    new TableSync(kernel, table).replaceAll(fragments);
                    new TableSync(fake, table).replaceAll(fragments);
                    assertThat(normalised(kernel, table)).as(table.spec()).isEqualTo(normalised(fake, table));
                }
            }
            return null;
        });
    }

    /** The listing as sorted lines (the kernel lists in creation order): chains, sets, then elements. */
    static String normalised(Nft nft, TableRef t) throws NftException {
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
