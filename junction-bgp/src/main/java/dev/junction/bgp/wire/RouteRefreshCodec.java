package dev.junction.bgp.wire;

/** ROUTE-REFRESH body codec (RFC 2918 §3, RFC 7313 §3.2 and §5). */
final class RouteRefreshCodec {
    private RouteRefreshCodec() {
    }

    static DecodeResult decode(byte[] body) {
        WireReader r = new WireReader(body);
        int length = body.length + Header.LENGTH;
        if (r.remaining() < 4) {
            return new DecodeResult.Failure(DecodeError.header(ErrorCodes.BAD_MESSAGE_LENGTH,
                    new byte[]{(byte) (length >>> 8), (byte) length}, "ROUTE-REFRESH shorter than 23 octets (RFC 2918 §3)"));
        }
        int afi = r.u16();
        int subtype = r.u8();
        int safi = r.u8();
        boolean known = subtype <= RouteRefresh.EORR;
        if (known && body.length != 4) {
            // RFC 7313 §5: for subtypes 1 and 2 a length other than 4 (excluding the header) is ROUTE-REFRESH
            // Message Error / Invalid Message Length, and "the Data field of the NOTIFICATION message MUST contain
            // the complete ROUTE-REFRESH message". Subtype 0 is held to the same length because this speaker
            // never negotiates Outbound Route Filtering (RFC 5291), the only reason for more octets.
            WireWriter whole = new WireWriter();
            for (int i = 0; i < Header.MARKER_LENGTH; i++) whole.u8(0xFF);
            whole.u16(length).u8(MessageType.ROUTE_REFRESH.code()).bytes(body);
            return new DecodeResult.Failure(DecodeError.reset(ErrorCodes.ROUTE_REFRESH_MESSAGE, ErrorCodes.INVALID_MESSAGE_LENGTH,
                    whole.toByteArray(), "ROUTE-REFRESH subtype " + subtype + " with " + body.length + " octets, expected 4 (RFC 7313 §5)"));
        }
        // RFC 7313 §5: other subtypes are ignored by the receiver; they decode so the FSM can ignore them.
        return new DecodeResult.Ok(new RouteRefresh(new AfiSafi(afi, safi), subtype));
    }

    static void encode(RouteRefresh m, WireWriter w) {
        w.u16(m.family().afi()).u8(m.subtype()).u8(m.family().safi());
    }
}
