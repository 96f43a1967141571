package dev.junction.agent.router;

import dev.junction.model.Cidr;
import dev.junction.model.IpFamily;
import dev.junction.netlink.Address;
import dev.junction.netlink.IpPrefix;
import dev.junction.netlink.Link;
import dev.junction.netlink.RtNetlink;
import dev.junction.router.plan.CniConfig;
import dev.junction.router.plan.OverlayMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code --enable-cni}: the node's pod network for the standard bridge and host-local plugins. Writes kube-router's
 * CNI file with this node's pod CIDRs and an MTU that leaves room for the tunnel, and makes sure the bridge exists
 * with the gateway address (the first address of each pod CIDR) and that MTU. The file is replaced atomically and
 * only when its content changes, so the kubelet never reads half a file.
 */
public final class CniSetup {
    private static final Logger LOG = LoggerFactory.getLogger(CniSetup.class);

    private final RtNetlink rt;
    private final Path file;
    private final String bridge;
    private String written;

    public CniSetup(RtNetlink rt, Path file, String bridge) {
        this.rt = rt;
        this.file = file;
        this.bridge = bridge;
    }

    public void apply(List<Cidr> podCidrs, InetAddress nodeAddress, OverlayMode overlay) throws IOException {
        if (podCidrs.isEmpty()) return;
        int linkMtu = underlayMtu(nodeAddress);
        int mtu = CniConfig.mtuFor(linkMtu, overlay, nodeAddress instanceof java.net.Inet6Address);
        Link br = rt.link(bridge).orElse(null);
        if (br == null) {
            br = rt.createBridge(bridge);
            LOG.info("created bridge {}", bridge);
        }
        if (br.mtu() != mtu) rt.setMtu(br.index(), mtu);
        for (Cidr c : podCidrs) {
            IpPrefix gateway = new IpPrefix(gatewayOf(c), c.prefix());
            rt.addAddress(new Address(br.index(), gateway)); // idempotent for the same address and length
        }
        if (!br.adminUp()) rt.setUp(br.index(), true);
        String text = CniConfig.render(podCidrs, mtu, bridge);
        if (text.equals(written)) return;
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            written = text;
            return;
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        written = text;
        LOG.info("wrote {} (pod CIDRs {}, MTU {})", file, podCidrs, mtu);
    }

    private int underlayMtu(InetAddress nodeAddress) throws IOException {
        if (nodeAddress != null) {
            for (Address a : rt.addresses()) {
                if (a.prefix().address().equals(nodeAddress)) {
                    Optional<Link> l = rt.links().stream().filter(x -> x.index() == a.index()).findFirst();
                    if (l.isPresent()) return l.get().mtu();
                }
            }
        }
        return 1500;
    }

    /** The first host address of the CIDR: 10.244.1.0/24 → 10.244.1.1. */
    static InetAddress gatewayOf(Cidr c) {
        byte[] b = c.network().bytes().clone();
        b[b.length - 1] |= 1;
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static boolean isV4(Cidr c) {
        return c.family() == IpFamily.V4;
    }
}
