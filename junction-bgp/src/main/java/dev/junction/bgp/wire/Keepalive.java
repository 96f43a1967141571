package dev.junction.bgp.wire;

/** KEEPALIVE: the 19-octet header only (RFC 4271 §4.4). */
public record Keepalive() implements BgpMessage {
    public static final Keepalive INSTANCE = new Keepalive();

    @Override
    public MessageType type() {
        return MessageType.KEEPALIVE;
    }
}
