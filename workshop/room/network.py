"""Which address phones in the room can reach this machine on (nothing is sent anywhere)."""

from __future__ import annotations

import contextlib
import ipaddress
import socket


def lan_address() -> str | None:
    """The IPv4 address of the interface the default route uses, or None (no network).

    A UDP socket is "connected" to a private address: that only picks a route, no packet
    leaves the machine.
    """
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("10.255.255.255", 9))
        address = s.getsockname()[0]
        if address and not address.startswith(("0.", "127.")):
            return address
    return None


def all_addresses() -> list[str]:
    """Every IPv4 address of this machine except loopback (a laptop on Wi-Fi and cable)."""
    found: set[str] = set()
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))  # AF_INET: (host, port)
    primary = lan_address()
    if primary:
        found.add(primary)
    return sorted(a for a in found if not ipaddress.ip_address(a).is_loopback)


def describe_network(address: str) -> str:
    """'private network 192.168.x.x' style words for the panel (the kind, not the name)."""
    ip = ipaddress.ip_address(address)
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_private:
        return "private"
    return "public"
