#!/usr/bin/python3
"""Sandbox pod: answers every connection / datagram with the pod's name.

usage: pod_server.py NAME LOGFILE BIND PROTO:PORT...

TCP: on accept, log the peer, write "NAME\\n" and close (the client sends nothing).
UDP: log the peer of every datagram and reply "NAME\\n".
Each log line is "PROTO LOCALPORT PEERIP PEERPORT", flushed *before* the answer is
sent, so a client that got its answer can read its source address in the log.
Prints "READY" on stdout once every socket is bound (the harness waits for it).
"""
import socket
import sys
import threading

name, log_path, bind = sys.argv[1], sys.argv[2], sys.argv[3]
specs = sys.argv[4:]
answer = (name + "\n").encode()
log = open(log_path, "a", buffering=1)
log_lock = threading.Lock()


def record(proto, port, peer):
    with log_lock:
        log.write("%s %d %s %d\n" % (proto, port, peer[0], peer[1]))
        log.flush()


def serve_tcp(sock, port):
    while True:
        try:
            conn, peer = sock.accept()
        except OSError:
            continue
        try:
            record("tcp", port, peer)
            conn.sendall(answer)
        except OSError:
            pass
        finally:
            conn.close()


def serve_udp(sock, port):
    while True:
        try:
            _, peer = sock.recvfrom(2048)
            record("udp", port, peer)
            sock.sendto(answer, peer)
        except OSError:
            pass


threads = []
for spec in specs:
    proto, port = spec.split(":")
    port = int(port)
    if proto == "tcp":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((bind, port))
        s.listen(128)
        target = serve_tcp
    elif proto == "udp":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind((bind, port))
        target = serve_udp
    else:
        sys.exit("unknown protocol " + proto)
    threads.append(threading.Thread(target=target, args=(s, port), daemon=True))

for t in threads:
    t.start()
print("READY", flush=True)
try:
    threading.Event().wait()
except KeyboardInterrupt:
    pass
