"""Telling a URL from a file name, checking it, and comparing two URLs of one page.

Only ``http`` and ``https`` are web URLs: anything else a user types is a file name, as it was
before hamish read the web (a file may be called ``ftp:notes.txt``). A web URL that cannot be
fetched as written (no host, spaces, a bad port) is refused before any connection is tried.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

_WEB_URL = re.compile(r"https?://", re.IGNORECASE)
_NOT_IN_URLS = re.compile(r"[\x00-\x20\x7f-\x9f]")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class BadURL(ValueError):
    """``str()`` is the reason, for a ``FetchError`` naming the URL."""


def is_web_url(text: str) -> bool:
    """Whether a command-line argument names a web page rather than a file."""
    return bool(_WEB_URL.match(text.strip()))


def checked_url(text: str) -> str:
    """``text`` as a URL hamish can fetch (surrounding spaces dropped), else ``BadURL``."""
    url = text.strip()
    if not is_web_url(url):
        raise BadURL("malformed URL (only http:// and https:// pages can be fetched)")
    if _NOT_IN_URLS.search(url):
        raise BadURL("malformed URL (it contains spaces or control characters)")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise BadURL(f"malformed URL ({error})") from None
    if not parts.hostname:
        raise BadURL("malformed URL (no host name)")
    if port == 0:
        raise BadURL("malformed URL (port 0)")
    return url


def resolved(base: str, reference: str) -> str | None:
    """``reference`` (a link on the page at ``base``) as an absolute web URL, None if it is
    not one (``javascript:``, ``mailto:``, malformed)."""
    try:
        absolute = urljoin(base, reference.strip())
        checked_url(absolute)
    except (ValueError, BadURL):
        return None
    return absolute


def url_key(url: str) -> str:
    """What two spellings of one page's URL share: scheme and host in lower case, no default
    port, no fragment, ``/`` for an empty path. Not more: query strings and trailing slashes
    can name different pages."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def same_page(first: str, second: str) -> bool:
    return url_key(first) == url_key(second)


def host_name(url: str) -> str:
    """The host, without a leading ``www.``: a site's name when the page gives none."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")
