package dev.junction.bgp.session;

import dev.junction.bgp.wire.BgpMessage;
import dev.junction.bgp.wire.DecodeContext;
import dev.junction.bgp.wire.DecodeResult;
import dev.junction.bgp.wire.EncodeContext;
import dev.junction.bgp.wire.FrameResult;
import dev.junction.bgp.wire.Framer;
import dev.junction.bgp.wire.MessageCodec;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/** A hand-driven BGP peer over a real socket, for tests that need to misbehave on purpose. */
public final class RawPeer implements AutoCloseable {
    private final Socket socket;
    private final Framer framer = new Framer();
    private final byte[] buf = new byte[65536];

    public RawPeer(InetAddress local, InetSocketAddress remote) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(remote, 2000);
        socket.setSoTimeout(5000);
    }

    public void send(BgpMessage m) throws IOException {
        sendBytes(MessageCodec.encode(m, EncodeContext.FOUR_OCTET));
    }

    public void sendBytes(byte[] b) throws IOException {
        socket.getOutputStream().write(b);
        socket.getOutputStream().flush();
    }

    /** The next message, or null when the other side closed. */
    public BgpMessage receive() throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            FrameResult r = framer.next();
            if (r instanceof FrameResult.Complete c) {
                DecodeResult d = MessageCodec.decode(c.frame(), DecodeContext.of(true, false));
                if (d instanceof DecodeResult.Ok ok) return ok.message();
                throw new IOException("undecodable: " + d);
            }
            int n = in.read(buf);
            if (n < 0) return null;
            framer.feed(ByteBuffer.wrap(buf, 0, n));
        }
    }

    /** Reads until a message of {@code kind} arrives; null if the connection closes first. */
    public <T extends BgpMessage> T receive(Class<T> kind) throws IOException {
        for (BgpMessage m; (m = receive()) != null; ) if (kind.isInstance(m)) return kind.cast(m);
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
