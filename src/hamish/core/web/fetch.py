"""One HTTP GET done carefully: bounded in time and size, redirects followed by hand, and every
failure turned into one line naming the URL.

httpx does the protocol: TLS, proxies from the environment (``HTTP_PROXY``, ``HTTPS_PROXY``,
``NO_PROXY``, as curl reads them), gzip, deflate and brotli. Around it, hamish keeps the rules a
reader needs:

* Time. A connect timeout, a read timeout (the longest silence between two pieces of the
  body) and a deadline for the whole transfer, redirects included, checked after every piece;
  so a server that trickles a byte at a time fails too. No wait outlasts the deadline by more
  than one read timeout: with the defaults (10 s, 10 s, 20 s) a server that stops answering
  fails within 30 seconds. (A DNS lookup is the system resolver's, bounded by its own rules.)
* Size. A declared ``Content-Length`` above the limit is refused before reading; the body is
  counted as it is decoded, so a small gzip bomb is stopped at the limit too.
* Redirects. Followed one at a time, at most ``max_redirects``; going back to a URL already
  visited is reported as a loop rather than retried until the limit. Only http(s) targets.
* Progress and cancellation. ``progress`` is called after each piece (bytes so far, and the
  expected total when the server says); ``cancel`` is asked between pieces and before each
  redirect, so a UI can stop a fetch within one read timeout. Both run on the fetching
  thread: a UI calls ``fetch`` from a worker and posts what it needs to its own thread.
"""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from hamish import __version__
from hamish.core.loaders import LoadError
from hamish.core.loaders.html_charset import charset_label
from hamish.core.web.settings import FetchSettings
from hamish.core.web.urls import BadURL, checked_url, resolved, url_key

USER_AGENT = f"hamish/{__version__} (terminal article reader) httpx/{httpx.__version__}"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


class FetchError(LoadError):
    """A URL that could not be fetched or read as an article; ``str()`` is ``URL: reason``."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(url, reason)
        self.url = url


class FetchCancelled(FetchError):
    """``cancel`` said stop: not a failure to report, the user changed their mind."""

    def __init__(self, url: str) -> None:
        super().__init__(url, "cancelled")


@dataclass(frozen=True)
class Progress:
    url: str
    """The URL being read (the last one, after redirects)."""
    received: int
    """Bytes received so far, as sent (compressed)."""
    expected: int | None
    """The ``Content-Length`` the server announced, if any."""


@dataclass(frozen=True)
class Validators:
    """What a server said about a version, for a conditional GET of the next one."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Fetched:
    requested_url: str
    final_url: str
    status: int
    content_type: str
    """The ``Content-Type`` header as sent, ``""`` when there was none."""
    charset: str | None
    """The header's charset as a codec label Python knows, else None."""
    body: bytes
    """Decoded from gzip/deflate/br; empty for a 304."""
    validators: Validators

    @property
    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()

    @property
    def not_modified(self) -> bool:
        return self.status == httpx.codes.NOT_MODIFIED


def fetch(
    url: str,
    *,
    settings: FetchSettings | None = None,
    accept: str = PAGE_ACCEPT,
    validators: Validators | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Fetched:
    """GET ``url`` (see the module docstring); raises ``FetchError`` and nothing else."""
    try:
        url = checked_url(url)
    except BadURL as error:
        raise FetchError(url, str(error)) from None
    rules = settings or FetchSettings()
    headers = {"User-Agent": USER_AGENT, "Accept": accept}
    if validators is not None and validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators is not None and validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    transfer = _Transfer(url, rules, progress, cancel)
    try:
        with httpx.Client(headers=headers, trust_env=True) as client:
            return transfer.run(client)
    except httpx.HTTPError as error:
        raise FetchError(url, _reason(error, rules)) from None
    except (httpx.InvalidURL, UnicodeError) as error:  # an IDNA host name that cannot be
        raise FetchError(url, f"malformed URL ({error})") from None


class _Transfer:
    def __init__(
        self,
        url: str,
        rules: FetchSettings,
        progress: Callable[[Progress], None] | None,
        cancel: Callable[[], bool] | None,
    ) -> None:
        self.url = url
        self.rules = rules
        self.progress = progress
        self.cancel = cancel
        self.deadline = time.monotonic() + rules.total_timeout

    def _check_time_and_cancel(self) -> None:
        if self.cancel is not None and self.cancel():
            raise FetchCancelled(self.url)
        if time.monotonic() > self.deadline:
            raise FetchError(
                self.url, f"timed out (not all received within {self.rules.total_timeout:g} s)"
            )

    def _timeout(self) -> httpx.Timeout:
        """The settings' timeouts, none longer than what is left before the deadline."""
        left = max(0.001, self.deadline - time.monotonic())
        connect = min(self.rules.connect_timeout, left)
        return httpx.Timeout(min(self.rules.read_timeout, left), connect=connect, pool=connect)

    def run(self, client: httpx.Client) -> Fetched:
        current = self.url
        visited = {url_key(current)}
        for _ in range(self.rules.max_redirects + 1):
            self._check_time_and_cancel()
            with client.stream("GET", current, timeout=self._timeout()) as response:
                location = response.headers.get("location")
                if response.status_code not in REDIRECTS or location is None:
                    return self._result(current, response)
                target = resolved(current, location)
            if target is None:
                raise FetchError(self.url, f"redirected to an unusable address ({location})")
            if url_key(target) in visited:
                raise FetchError(self.url, f"redirect loop (back to {target})")
            visited.add(url_key(target))
            current = target
        raise FetchError(self.url, f"too many redirects (more than {self.rules.max_redirects})")

    def _result(self, current: str, response: httpx.Response) -> Fetched:
        status = response.status_code
        conditional = {"if-none-match", "if-modified-since"} & set(response.request.headers)
        if status == httpx.codes.NOT_MODIFIED and conditional:
            body = b""
        elif not 200 <= status < 300:
            where = "" if current == self.url else f" at {current}"
            raise FetchError(self.url, f"HTTP {status} {response.reason_phrase}{where}".strip())
        else:
            body = self._body(current, response)
        label = response.charset_encoding
        return Fetched(
            requested_url=self.url,
            final_url=current,
            status=status,
            content_type=response.headers.get("content-type", ""),
            charset=charset_label(label) if label else None,
            body=body,
            validators=Validators(
                response.headers.get("etag"), response.headers.get("last-modified")
            ),
        )

    def _body(self, current: str, response: httpx.Response) -> bytes:
        limit = self.rules.max_bytes
        declared = response.headers.get("content-length", "")
        expected = int(declared) if declared.isdigit() else None
        if expected is not None and expected > limit:
            raise FetchError(self.url, f"too large ({expected:,} bytes; the limit is {limit:,})")
        pieces: list[bytes] = []
        size = 0
        for piece in response.iter_bytes():
            size += len(piece)
            if size > limit:
                raise FetchError(self.url, f"too large (more than {limit:,} bytes)")
            pieces.append(piece)
            if self.progress is not None:
                self.progress(Progress(current, response.num_bytes_downloaded, expected))
            self._check_time_and_cancel()
        return b"".join(pieces)


def _root_cause(error: BaseException) -> BaseException:
    seen: set[int] = set()
    while id(error) not in seen:
        seen.add(id(error))
        cause = error.__cause__ or error.__context__
        if cause is None:
            break
        error = cause
    return error


def _reason(error: httpx.HTTPError, rules: FetchSettings) -> str:
    """What went wrong, in the words a reader of one error line needs."""
    if isinstance(error, httpx.ConnectTimeout | httpx.PoolTimeout):
        return f"timed out (no connection within {rules.connect_timeout:g} s)"
    if isinstance(error, httpx.TimeoutException):
        return f"timed out (the server sent nothing for {rules.read_timeout:g} s)"
    if isinstance(error, httpx.ProxyError):
        return f"proxy error ({error})"
    if isinstance(error, httpx.UnsupportedProtocol):
        return f"malformed URL ({error})"
    if isinstance(error, httpx.DecodingError):
        return "the server sent damaged compressed data"
    if isinstance(error, httpx.ConnectError):
        return _connect_failure(_root_cause(error), error)
    if isinstance(error, httpx.RemoteProtocolError | httpx.ReadError):
        return f"the connection broke ({error or 'the server closed it'})"
    return f"cannot fetch ({error or type(error).__name__})"


def _connect_failure(cause: BaseException, error: httpx.HTTPError) -> str:
    if isinstance(cause, socket.gaierror):
        return "host not found (DNS lookup failed)"
    if isinstance(cause, ConnectionRefusedError):
        return "cannot connect (connection refused)"
    if isinstance(cause, ssl.SSLCertVerificationError):
        return f"TLS certificate not accepted ({cause.verify_message})"
    if isinstance(cause, ssl.SSLError):
        return f"TLS failed ({cause.reason or cause})"
    if isinstance(cause, OSError) and cause.strerror:
        return f"cannot connect ({cause.strerror.lower()})"
    return f"cannot connect ({error})"
