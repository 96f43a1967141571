package dev.junction.model.policy;

import dev.junction.model.Protocol;

/**
 * One entry of a rule's ports list.
 *
 * @param port the port number, or 0 with {@code name} set, or 0 without name for every port of the protocol
 * @param name a named port (resolved per destination pod), or null
 * @param endPort the end of a range starting at {@code port}, or 0
 */
public record PolicyPort(Protocol protocol, int port, String name, int endPort) {}
