"""The address of the client that sent a request, as far as the site can trust it.

Every limit and every consent record asks `client_ip()`, and so does allauth (through the
account adapter), so one setting decides for all of them. With TRUSTED_PROXY_COUNT at 0 the
site is reached directly and X-Forwarded-For is ignored: anyone can write that header, and a
limit keyed on it would be a limit the client chooses. With N trusted proxies in front, each
appends the address it received the request from, so the N-th entry from the right was
written by the outermost trusted proxy: the client as the proxies saw it. Entries further
left came from the client and are never read.
"""

import ipaddress

from django.conf import settings


def _address(value: str) -> str | None:
    """A valid IP address in canonical form, from "addr", "addr:port" or "[v6]:port"."""
    value = value.strip()
    candidates = [value]
    if value.startswith("["):
        candidates.append(value[1:].partition("]")[0])
    elif value.count(":") == 1:
        candidates.append(value.partition(":")[0])
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def client_ip(request) -> str | None:
    """The client's IP address: REMOTE_ADDR, or what the trusted proxies say it was."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [entry.strip() for entry in header.split(",") if entry.strip()]
    if not forwarded:
        # Sent to the site directly, past the proxies: the connection's address is the client.
        return remote
    # Fewer entries than proxies: the request entered the chain part-way, and the left-most
    # entry is the one the first proxy it met wrote.
    return _address(forwarded[-min(proxies, len(forwarded))]) or remote
