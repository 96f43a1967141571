package dev.junction.router.plan;

/**
 * When pod traffic between nodes is encapsulated (kube-router {@code --enable-overlay} and {@code --overlay-type}).
 */
public enum OverlayMode {
    /** Never: routes to nodes outside our subnets are left to the upstream router, which must learn them by BGP. */
    NONE,
    /** Only toward nodes whose address is outside every subnet of ours: the underlay cannot forward pod addresses. */
    SUBNET,
    /** Always, even inside one subnet (networks that drop unknown source addresses, e.g. cloud anti-spoofing). */
    FULL
}
