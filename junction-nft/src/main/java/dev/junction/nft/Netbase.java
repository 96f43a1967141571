package dev.junction.nft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * /etc/protocols and /etc/services, read once, as nft reads them through getprotobynumber and getservbyname:
 * nft lists protocol 17 as {@code udp} and 0 as {@code ip} because that file says so.
 */
final class Netbase {
    static final Map<Integer, String> PROTOCOL_NAMES = new HashMap<>();
    static final Map<String, Integer> PROTOCOL_NUMBERS = new HashMap<>();
    static final Map<String, Integer> SERVICE_PORTS = new HashMap<>();

    static {
        // The fallbacks matter only on a machine without netbase; the file wins where it exists.
        for (Object[] p : new Object[][] {{"icmp", 1}, {"tcp", 6}, {"udp", 17}, {"ipv6-icmp", 58},
                {"sctp", 132}}) {
            PROTOCOL_NAMES.put((Integer) p[1], (String) p[0]);
            PROTOCOL_NUMBERS.put((String) p[0], (Integer) p[1]);
        }
        for (String[] f : read("/etc/protocols")) {
            if (f.length >= 2 && f[1].matches("[0-9]+")) {
                int n = Integer.parseInt(f[1]);
                PROTOCOL_NAMES.putIfAbsent(n, f[0]);
                PROTOCOL_NUMBERS.putIfAbsent(f[0], n);
                for (int i = 2; i < f.length; i++) {
                    PROTOCOL_NUMBERS.putIfAbsent(f[i], n);
                }
            }
        }
        for (String[] f : read("/etc/services")) {
            if (f.length >= 2 && f[1].matches("[0-9]+/[a-z]+")) {
                int port = Integer.parseInt(f[1].substring(0, f[1].indexOf('/')));
                SERVICE_PORTS.putIfAbsent(f[0], port);
                for (int i = 2; i < f.length; i++) {
                    SERVICE_PORTS.putIfAbsent(f[i], port);
                }
            }
        }
    }

    private static List<String[]> read(String file) {
        List<String[]> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                int hash = line.indexOf('#');
                String l = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!l.isEmpty()) {
                    out.add(l.split("\\s+"));
                }
            }
        } catch (IOException e) {
            // No netbase: the built-in names above are all nft would print for our protocols anyway.
        }
        return out;
    }
}
