"""A real HTTP server for the web tests: ``http.server`` in a thread on 127.0.0.1, port 0.

Tests put ``Page``s at paths and read back what each request carried. No test touches the
internet: every URL they fetch is this server's (or a closed port on 127.0.0.1).
"""

from __future__ import annotations

import gzip
import socket
import sys
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

import brotli
import pytest

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
COMPRESSORS = {"gzip": gzip.compress, "deflate": zlib.compress, "br": brotli.compress}
STALL_LIMIT = 30.0
"""A stalled answer waits for the site to close, at most this long (a safety net only)."""


@dataclass
class Page:
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    """Send the body compressed: ``gzip``, ``deflate`` or ``br`` (``Content-Encoding``)."""
    chunked: bool = False
    """Send no ``Content-Length``: the body streams until the connection closes."""
    stall: bool = False
    """Answer nothing until the site closes: a server that hangs."""
    etag: str | None = None
    """Answer ``304 Not Modified`` to a request that sends this ``If-None-Match``."""
    gate: threading.Event | None = None
    """Send the first half of the body, then the rest only once this is set: a transfer a
    test can look at halfway, for as long as it needs."""


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    absolute: bool
    """The request line held a full URL: it came through as a proxy request."""


def html(body: str, *, head: str = "", charset: str = "utf-8") -> bytes:
    """A page whose ``<body>`` is ``body``, encoded in ``charset``."""
    document = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return document.encode(charset)


def article_page(title: str, text: str, *, lang: str, head: str = "", charset: str) -> bytes:
    """A right-to-left article: a heading and four paragraphs of ``text``."""
    body = (
        f'<article lang="{lang}" dir="rtl"><h1>{title}</h1>'
        f"<p>{text}</p><p>{text} {text}</p><p>{text}</p></article>"
    )
    return html(body, head=head, charset=charset)


class QuietServer(ThreadingHTTPServer):
    """A server that keeps its handlers' errors to itself.

    ``socketserver`` prints a handler's exception to ``sys.stderr``; a client that hangs up
    early (hamish gives up on a 404 without reading its body) makes one, and the CLI tests
    capture stderr in-process, so the print would land in the output under test. Hangs-ups
    are the client's right; anything else is kept in ``errors``, and fails the test.
    """

    errors: list[BaseException]

    def server_activate(self) -> None:
        self.errors = []
        super().server_activate()

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if error is not None and not isinstance(error, ConnectionError):
            self.errors.append(error)


class Site:
    """Pages by path; every request is recorded in ``requests``."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.requests: list[Request] = []
        self.closing = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:
                site.answer(self)

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        self.pages[path] = Page(status=status, content_type=None, headers={"Location": to})

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        target = handler.path
        absolute = target.startswith("http")
        path = urlsplit(target).path if absolute else target.split("?")[0]
        headers = {key.lower(): value for key, value in handler.headers.items()}
        self.requests.append(Request(path, headers, absolute))
        page = self.pages.get(path, Page(b"not here", "text/plain", status=404))
        if page.stall:
            self.closing.wait(STALL_LIMIT)
            return
        if page.etag is not None and headers.get("if-none-match") == page.etag:
            handler.send_response(304)
            handler.send_header("ETag", page.etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        body = COMPRESSORS[page.encoding](page.body) if page.encoding else page.body
        handler.send_response(page.status)
        if page.content_type is not None:
            handler.send_header("Content-Type", page.content_type)
        if page.encoding:
            handler.send_header("Content-Encoding", page.encoding)
        if page.etag is not None:
            handler.send_header("ETag", page.etag)
        for key, value in page.headers.items():
            handler.send_header(key, value)
        if page.chunked:
            handler.send_header("Connection", "close")
            handler.close_connection = True
        else:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        halfway = len(body) // 2 if page.gate is not None else len(body)
        if not self._send(handler, body[:halfway]):
            return
        if page.gate is not None:
            while not page.gate.wait(0.05):
                if self.closing.is_set():
                    return
        self._send(handler, body[halfway:])

    def _send(self, handler: BaseHTTPRequestHandler, body: bytes) -> bool:
        """Write ``body`` in pieces; False when the site closed or the client went away."""
        for start in range(0, len(body), 64 * 1024):
            if self.closing.is_set():
                return False
            try:
                handler.wfile.write(body[start : start + 64 * 1024])
            except OSError:  # the client gave up (a size limit): that is the test's point
                return False
        return True


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """A running ``Site``, with proxy variables cleared so requests go to it directly."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    with Site() as site:
        yield site
    assert not site.server.errors, site.server.errors
