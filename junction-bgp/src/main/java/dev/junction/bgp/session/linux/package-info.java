/**
 * BGP sockets on raw Linux descriptors through the FFM API, for the options java.net lacks: TCP-MD5 (RFC 2385)
 * and the unicast TTL. {@link dev.junction.bgp.session.linux.Libc} binds the C calls with errno capture,
 * {@link dev.junction.bgp.session.linux.Descriptor} closes a descriptor safely under concurrent blocking calls.
 */
package dev.junction.bgp.session.linux;
