package dev.junction.agent.bench;

import java.util.Locale;

/**
 * The three speakers of {@code bench bgp} and their configurations, all iBGP in AS 64512 so that neither receiver
 * sends the table back (RFC 4271 §9.1.3: routes from an internal peer are not advertised to internal peers):
 * <pre>
 *   ns junction: Junction 192.168.201.2 (passive) --- 192.168.201.1 ns origin: BIRD
 *   ns bird:     BIRD     192.168.202.2 (passive) --- 192.168.202.1            N static routes, both sessions
 *                                                                              disabled until the bench enables them
 * </pre>
 * The prefixes are N consecutive /24s from 20.0.0.0 (1,000,000 reach 35.66.63.0/24), all with the same attributes,
 * so both receivers get the same UPDATEs packed alike by the origin.
 */
final class BgpBenchConfigs {
    static final String ORIGIN_TO_JUNCTION = "to_junction";
    static final String ORIGIN_TO_BIRD = "to_bird";
    static final String BIRD_FROM_ORIGIN = "from_origin";
    static final String JUNCTION_PEER = "origin";
    static final String ORIGIN_J = "192.168.201.1";
    static final String JUNCTION = "192.168.201.2";
    static final String ORIGIN_B = "192.168.202.1";
    static final String BIRD = "192.168.202.2";
    static final int FIRST_PREFIX = 20 << 24;

    private BgpBenchConfigs() {}

    /** The i-th benchmark prefix, e.g. 0 is 20.0.0.0/24. */
    static String prefix(int i) {
        int a = FIRST_PREFIX + (i << 8);
        return String.format(Locale.ROOT, "%d.%d.%d.0/24", a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255);
    }

    static String origin(int prefixes) {
        StringBuilder sb = new StringBuilder(64 + prefixes * 32);
        sb.append("router id ").append(ORIGIN_J).append(";\n");
        sb.append("timeformat protocol iso long ms;\n");
        sb.append("protocol device { scan time 60; }\n");
        sb.append("protocol static origin {\n  ipv4;\n");
        for (int i = 0; i < prefixes; i++) {
            sb.append("  route ").append(prefix(i)).append(" blackhole;\n");
        }
        sb.append("}\n");
        // Disabled until the bench has seen the static table loaded, then both are enabled by one command.
        sb.append(originPeer(ORIGIN_TO_JUNCTION, ORIGIN_J, JUNCTION));
        sb.append(originPeer(ORIGIN_TO_BIRD, ORIGIN_B, BIRD));
        return sb.toString();
    }

    private static String originPeer(String name, String local, String neighbor) {
        return "protocol bgp " + name + " {\n  disabled;\n  local " + local + " as 64512;\n  neighbor " + neighbor
                + " as 64512;\n  direct;\n  connect delay time 1;\n  connect retry time 1;\n"
                + "  ipv4 { import none; export all; next hop self; };\n}\n";
    }

    static String bird() {
        return "router id " + BIRD + ";\n"
                + "timeformat protocol iso long ms;\n"
                + "protocol device { scan time 60; }\n"
                + "protocol bgp " + BIRD_FROM_ORIGIN + " {\n  local " + BIRD + " as 64512;\n  neighbor " + ORIGIN_B
                + " as 64512;\n  direct;\n  passive on;\n  ipv4 { import all; export none; };\n}\n";
    }

    static String junction() {
        return "router-id " + JUNCTION + "\n"
                + "asn 64512\n"
                + "listen " + JUNCTION + " 179\n"
                + "peer " + JUNCTION_PEER + " address " + ORIGIN_J + " asn 64512 local " + JUNCTION + " passive\n";
    }
}
