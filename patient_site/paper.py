"""Whether a printout may go to patients: a sheet must not send them to an
address only the editor's own computer or network can open.

The handout and the review pack print the site's address (and the handout a
QR code for it). ``make handout`` and ``make review-pack`` refuse a local
address unless the editor asks for a draft with DRAFT=1; pages built for a
local address, or with DRAFT=1, say "DRAFT - not for patients" on paper.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from typing import Mapping
from urllib.parse import urlsplit

# The mark at the top of each draft sheet, in the language of the sheet.
DRAFT_MARKS = {"en": "DRAFT - not for patients", "es": "BORRADOR - no es para pacientes"}
DRAFT_MARK = DRAFT_MARKS["en"]
# Names that only resolve on the editor's own machine or network.
_LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".lan", ".home.arpa")


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a browser reads host as, shorthand included ("127.1", "10.1", "2130706433"), or None."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    # Browsers read these IPv4 shorthands as addresses; Python's ipaddress does not.
    if re.fullmatch(r"(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}", host):
        try:
            return ipaddress.ip_address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def local_address(url: str) -> str | None:
    """Why patients could not open url ("a loopback address", ...), or None."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return "an address that cannot be read"
    if not host:
        return "an address with no host name"
    if host == "localhost" or host.endswith(_LOCAL_NAMES):
        return "a name only this computer or network knows"
    ip = _ip(host)
    if ip is None:
        # "intranet": a name with no dot is one only a local network can know.
        return None if "." in host else "a name only this computer or network knows"
    if ip.is_loopback or ip.is_unspecified:
        return "a loopback address (this computer only)"
    if ip.is_private or ip.is_link_local or getattr(ip, "is_shared", False):
        return "a private network address"
    return None


def draft_requested(environ: Mapping[str, str]) -> tuple[bool, str]:
    """DRAFT=1 asks for a draft; "", "0" or unset do not. Returns (draft, problem)."""
    value = environ.get("DRAFT", "").strip()
    if value in ("", "0"):
        return False, ""
    if value == "1":
        return True, ""
    return False, f"environment variable DRAFT is {value!r}; use DRAFT=1 for a draft, or leave it unset"


def refusal(what: str, command: str, url: str, environ: Mapping[str, str]) -> str | None:
    """The one-line reason not to print ``what`` for url, or None if it may be printed.

    ``command`` is what the editor runs, for the fix: "make handout".
    """
    draft, problem = draft_requested(environ)
    if problem:
        return f"{what} not printed: {problem}"
    why = local_address(url)
    if why is None or draft:
        return None
    return (f"{what} not printed: the site's address {url} is {why}, so patients could not open it or its "
            f"QR code; build for the clinic's public address (SITE_URL=https://your-clinic.example/aftercare/ "
            f"{command}), or print a draft marked '{DRAFT_MARK}' with DRAFT=1 {command}")
