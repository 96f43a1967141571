package dev.junction.nft;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prints how long LibNft and ExecNft take for one 5,000-element batch and for 200 one-element transactions,
 * in a throw-away namespace. No assertions on time (CI machines vary); the report goes to stdout and to
 * {@code target/nft-benchmark.txt}.
 */
@Tag("kernel")
@ExtendWith(TestNetns.Extension.class)
class NftBenchmarkTest {
    private static final TableRef T = new TableRef(Family.IP, "jbench");
    private static final int BIG = 5000;
    private static final int SMALL = 200;

    @Test
    void libNftVersusExecNft(TestNetns ns) throws Exception {
        assumeTrue(LibNft.available());
        List<String> report = new ArrayList<>();
        report.add(ns.call(() -> {
            try (LibNft nft = new LibNft()) {
                return measure("LibNft (FFM)", nft, 5, 3);
            }
        }));
        // nft started from a thread inside the namespace: the cost of the binary alone.
        report.add(ns.call(() -> measure("ExecNft (nft -f -)", new ExecNft(), 3, 1)));
        report.add(measure("ExecNft (ip netns exec nft -f -)", ns.execNft(), 3, 1));
        String text = String.join("\n", report) + "\n";
        System.out.print(text);
        Files.writeString(Path.of("target", "nft-benchmark.txt"), text);
    }

    /** Times {@code bigRounds} 5,000-element batches and {@code smallRounds} runs of 200, after one warm-up each. */
    private static String measure(String name, Nft nft, int bigRounds, int smallRounds) throws Exception {
        nft.apply(new Transaction(T).addTable().addChain("svc")
                .addMap("service-ips", "ipv4_addr . inet_proto . inet_service", "verdict"));
        List<Double> big = new ArrayList<>();
        for (int round = 0; round <= bigRounds; round++) {
            nft.apply(new Transaction(T).flushMap("service-ips"));
            Transaction tx = new Transaction(T);
            for (int i = 0; i < BIG; i++) {
                tx.addElement("service-ips", "10.96." + (i / 250) + "." + (i % 250 + 1) + " . tcp . 80", "goto svc");
            }
            long t0 = System.nanoTime();
            nft.apply(tx);
            if (round > 0) {
                big.add((System.nanoTime() - t0) / 1e6);
            }
        }
        List<Double> small = new ArrayList<>();
        for (int round = 0; round <= smallRounds; round++) {
            nft.apply(new Transaction(T).flushMap("service-ips"));
            long t0 = System.nanoTime();
            for (int i = 0; i < SMALL; i++) {
                nft.apply(new Transaction(T).addElement("service-ips", "10.97.0." + (i + 1) + " . udp . 53", "goto svc"));
            }
            if (round > 0) {
                small.add((System.nanoTime() - t0) / 1e6);
            }
        }
        int listed = nft.list(T).orElseThrow().sets().get("service-ips").size();
        nft.apply(new Transaction(T).deleteTable());
        return String.format(Locale.ROOT, "%-34s %d elements in one tx: median %.1f ms (min %.1f); "
                + "%d one-element txs: median %.1f ms (%.2f ms each); listed %d",
                name, BIG, median(big), Collections.min(big), SMALL, median(small), median(small) / SMALL, listed);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
