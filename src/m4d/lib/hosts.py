"""The one address the platform is reached at (M4D_BASE_URL) and the host names it answers to."""

from __future__ import annotations

from urllib.parse import urlsplit

LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")


def base_url(value: str) -> str:
    """`value` checked to be an http(s) address with a host and no path, without a trailing slash."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"M4D_BASE_URL must look like https://m4d.example.org, not {value!r}")
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise ValueError(f"M4D_BASE_URL must be a bare address with no path, not {value!r}")
    return f"{parts.scheme}://{parts.netloc}"


def allowed_hosts(base: str, override: str = "") -> list[str]:
    """The comma-separated `override` if given, else the base URL's host (all the local names
    when it is local, so http://127.0.0.1:8000 works as well as http://localhost:8000)."""
    if override.strip():
        return [host.strip() for host in override.split(",") if host.strip()]
    host = urlsplit(base).hostname or ""
    names = LOCAL_NAMES if is_local(host) else (host,)
    return [f"[{name}]" if ":" in name else name for name in names]  # IPv6 as Django compares it


def is_local(host: str) -> bool:
    """Whether `host` (a host name or a bind address) is reachable only from this machine."""
    return host.strip("[]").lower() in LOCAL_NAMES
