#!/usr/bin/python3
"""Sandbox probe client: opens TRIES new connections (new source port each) and
prints one line per try:

    OK <answer> <localip>:<localport>
    ERR <reason> <localip>:<localport>      (reason: refused, reset, timeout, unreachable, empty, ...)

usage: probe_client.py tcp|udp HOST PORT TRIES TIMEOUT [INTERVAL [GIVEUP]]

TRIES <= 0 repeats until killed (continuous traffic); INTERVAL seconds are slept
between tries; GIVEUP > 0 stops after that many failed tries in a row (so a probe
that expects answers fails in seconds, not TRIES timeouts). TIMEOUT bounds a whole try (TCP: connect + read until EOF/newline;
UDP: one datagram and its reply).
"""
import errno
import socket
import sys
import time

proto, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
tries, timeout = int(sys.argv[4]), float(sys.argv[5])
interval = float(sys.argv[6]) if len(sys.argv) > 6 else 0.0
give_up = int(sys.argv[7]) if len(sys.argv) > 7 else 0


def reason(exc):
    if isinstance(exc, socket.timeout):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, ConnectionResetError):
        return "reset"
    if isinstance(exc, OSError) and exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
        return "unreachable"
    return type(exc).__name__


def local_of(sock):
    try:
        ip, lport = sock.getsockname()[:2]
        return "%s:%d" % (ip, lport)
    except OSError:
        return "-"


def try_tcp():
    deadline = time.monotonic() + timeout
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.settimeout(timeout)
        s.connect((host, port))
        data = b""
        while b"\n" not in data:
            left = deadline - time.monotonic()
            if left <= 0:
                raise socket.timeout()
            s.settimeout(left)
            chunk = s.recv(512)
            if not chunk:
                break
            data += chunk
        text = data.split(b"\n")[0].decode(errors="replace").strip()
        return ("OK " + text if text else "ERR empty"), local_of(s)
    except Exception as exc:  # any failure is one failed try
        return "ERR " + reason(exc), local_of(s)
    finally:
        s.close()


def try_udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.settimeout(timeout)
        # connect() so ICMP port-unreachable surfaces as ConnectionRefusedError
        s.connect((host, port))
        s.send(b"probe\n")
        text = s.recv(2048).split(b"\n")[0].decode(errors="replace").strip()
        return ("OK " + text if text else "ERR empty"), local_of(s)
    except Exception as exc:
        return "ERR " + reason(exc), local_of(s)
    finally:
        s.close()


attempt = try_tcp if proto == "tcp" else try_udp
n = 0
failed_in_row = 0
while tries <= 0 or n < tries:
    n += 1
    result, local = attempt()
    sys.stdout.write("%s %s\n" % (result, local))
    sys.stdout.flush()
    failed_in_row = failed_in_row + 1 if result.startswith("ERR") else 0
    if 0 < give_up <= failed_in_row:
        break
    if interval > 0:
        time.sleep(interval)
