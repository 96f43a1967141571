package dev.junction.bgp.wire;

import dev.junction.bgp.wire.PathAttribute.Aggregator;
import dev.junction.bgp.wire.PathAttribute.As4Aggregator;
import dev.junction.bgp.wire.PathAttribute.As4Path;
import dev.junction.bgp.wire.PathAttribute.AsPath;
import dev.junction.bgp.wire.PathAttribute.AtomicAggregate;
import dev.junction.bgp.wire.PathAttribute.ClusterList;
import dev.junction.bgp.wire.PathAttribute.Communities;
import dev.junction.bgp.wire.PathAttribute.LocalPref;
import dev.junction.bgp.wire.PathAttribute.MultiExitDisc;
import dev.junction.bgp.wire.PathAttribute.NextHop;
import dev.junction.bgp.wire.PathAttribute.Origin;
import dev.junction.bgp.wire.PathAttribute.OriginatorId;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of valid messages for a given session, used by the fuzz test for round trips and as seeds for
 * mutation. Every generated message decodes cleanly under {@code ctx}.
 */
public final class RandomMessages {
    private final Random rnd;

    public RandomMessages(Random rnd) {
        this.rnd = rnd;
    }

    public DecodeContext context() {
        return new DecodeContext(rnd.nextBoolean(), rnd.nextInt(4) == 0, rnd.nextBoolean(),
                rnd.nextInt(4) == 0 ? java.util.Set.of(AfiSafi.IPV4_UNICAST) : java.util.Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST));
    }

    public BgpMessage message(DecodeContext ctx) {
        return switch (rnd.nextInt(10)) {
            case 0, 1 -> open();
            case 2 -> new Notification(rnd.nextInt(9), rnd.nextInt(12), bytes(rnd.nextInt(40)));
            case 3 -> Keepalive.INSTANCE;
            case 4 -> new RouteRefresh(new AfiSafi(1 + rnd.nextInt(2), 1), rnd.nextInt(3));
            default -> update(ctx);
        };
    }

    Open open() {
        List<Capability> caps = new ArrayList<>();
        int n = rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            caps.add(switch (rnd.nextInt(8)) {
                case 0 -> new Capability.Multiprotocol(new AfiSafi(rnd.nextInt(3), 1 + rnd.nextInt(2)));
                case 1 -> new Capability.RouteRefreshCapability();
                case 2 -> new Capability.ExtendedMessageCapability();
                case 3 -> new Capability.FourOctetAs(1 + (rnd.nextLong() & 0xFFFFFFFEL));
                case 4 -> new Capability.EnhancedRouteRefreshCapability();
                case 5 -> new Capability.GracefulRestart(rnd.nextInt(16), rnd.nextInt(4096),
                        List.of(new Capability.GracefulRestart.Family(AfiSafi.IPV4_UNICAST, rnd.nextInt(256))));
                default -> new Capability.Unknown(100 + rnd.nextInt(150), bytes(rnd.nextInt(10)));
            });
        }
        int hold = rnd.nextBoolean() ? 0 : 3 + rnd.nextInt(65533);
        return Open.of(1 + rnd.nextInt(0xFFFE), hold, IpText.ipv4(1 + (rnd.nextLong() & 0xFFFFFFFEL)), caps);
    }

    Update update(DecodeContext ctx) {
        List<PathAttribute> attrs = new ArrayList<>();
        List<Prefix> withdrawn = List.of();
        List<Prefix> nlri = List.of();
        boolean v6 = ctx.multiprotocol().contains(AfiSafi.IPV6_UNICAST);
        switch (rnd.nextInt(5)) {
            case 0 -> withdrawn = prefixes(AddressFamily.IPV4);
            case 1 -> attrs.add(new MpUnreach(v6 ? AfiSafi.IPV6_UNICAST : AfiSafi.IPV4_UNICAST,
                    prefixes(v6 ? AddressFamily.IPV6 : AddressFamily.IPV4)));
            case 2 -> {
                AddressFamily af = v6 && rnd.nextBoolean() ? AddressFamily.IPV6 : AddressFamily.IPV4;
                byte[] nh = bytes(af == AddressFamily.IPV4 ? 4 : rnd.nextBoolean() ? 16 : 32);
                attrs.add(new MpReach(AfiSafi.unicast(af), nh, nonEmpty(af)));
                pathAttributes(ctx, attrs, false);
            }
            default -> {
                nlri = nonEmpty(AddressFamily.IPV4);
                pathAttributes(ctx, attrs, true);
            }
        }
        attrs.sort(Comparator.comparingInt((PathAttribute a) -> a instanceof MpReach || a instanceof MpUnreach ? 0 : 1)
                .thenComparingInt(PathAttribute::typeCode));
        return new Update(withdrawn, attrs, nlri);
    }

    private void pathAttributes(DecodeContext ctx, List<PathAttribute> attrs, boolean nextHop) {
        attrs.add(new Origin(rnd.nextInt(3)));
        attrs.add(new AsPath(segments(ctx.fourOctetAs() ? 0xFFFFFFFFL : 0xFFFF, true)));
        if (nextHop) attrs.add(new NextHop(IpText.ipv4(0x01000000L + (rnd.nextLong() & 0xDEFFFFFFL))));
        if (rnd.nextBoolean()) attrs.add(new MultiExitDisc(rnd.nextLong() & 0xFFFFFFFFL));
        if (rnd.nextBoolean()) attrs.add(new AtomicAggregate());
        if (rnd.nextBoolean()) attrs.add(new Aggregator(1 + (rnd.nextLong() & (ctx.fourOctetAs() ? 0xFFFFFFFEL : 0xFFFE)), id(), rnd.nextBoolean()));
        if (rnd.nextBoolean()) {
            List<Long> cs = new ArrayList<>();
            for (int i = rnd.nextInt(80); i >= 0; i--) cs.add(rnd.nextLong() & 0xFFFFFFFFL);
            attrs.add(new Communities(cs, rnd.nextBoolean()));
        }
        if (!ctx.externalPeer()) {
            if (rnd.nextBoolean()) attrs.add(new LocalPref(rnd.nextLong() & 0xFFFFFFFFL));
            if (rnd.nextBoolean()) attrs.add(new OriginatorId(id()));
            if (rnd.nextBoolean()) attrs.add(new ClusterList(List.of(id(), id())));
        }
        if (!ctx.fourOctetAs()) {
            List<AsPathSegment> as4 = segments(0xFFFFFFFFL, false);
            if (rnd.nextBoolean() && !as4.isEmpty()) attrs.add(new As4Path(as4, rnd.nextBoolean()));
            if (rnd.nextBoolean()) attrs.add(new As4Aggregator(1 + (rnd.nextLong() & 0xFFFFFFFEL), id(), rnd.nextBoolean()));
        }
        if (rnd.nextInt(3) == 0) attrs.add(new UnknownAttribute(0x80 | (rnd.nextInt(4) << 5), 30 + rnd.nextInt(100), bytes(rnd.nextInt(300))));
    }

    private List<AsPathSegment> segments(long maxAs, boolean confed) {
        List<AsPathSegment> out = new ArrayList<>();
        for (int s = rnd.nextInt(4); s > 0; s--) {
            List<AsPathSegment.Type> types = confed ? List.of(AsPathSegment.Type.values())
                    : List.of(AsPathSegment.Type.AS_SET, AsPathSegment.Type.AS_SEQUENCE);
            List<Long> asns = new ArrayList<>();
            for (int i = rnd.nextInt(100); i >= 0; i--) asns.add(1 + (rnd.nextLong() & (maxAs - 1)));
            out.add(new AsPathSegment(types.get(rnd.nextInt(types.size())), asns));
        }
        return out;
    }

    private List<Prefix> nonEmpty(AddressFamily af) {
        List<Prefix> ps = prefixes(af);
        return ps.isEmpty() ? List.of(prefix(af)) : ps;
    }

    private List<Prefix> prefixes(AddressFamily af) {
        List<Prefix> out = new ArrayList<>();
        for (int i = rnd.nextInt(20); i > 0; i--) out.add(prefix(af));
        return out;
    }

    Prefix prefix(AddressFamily af) {
        int len = rnd.nextInt(af.bits() + 1);
        return Prefix.fromWire(af, bytes((len + 7) / 8), len);
    }

    private Inet4Address id() {
        return IpText.ipv4(bytes(4));
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
