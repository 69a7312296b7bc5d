"""``fetch``: HTTP against a real local server, every failure one line naming the URL."""

from __future__ import annotations

import gzip
import itertools
import socket
import threading

import pytest

from hamish import __version__
from hamish.core.web.fetch import (
    FetchCancelled,
    FetchError,
    FetchSettings,
    Progress,
    Validators,
    fetch,
)
from tests.web_server import Page, Site, closed_port

QUICK = FetchSettings.within(1.5)
"""A stuck server fails within 1.5 s: the timeout tests need not wait 30."""


def failure(url: str, settings: FetchSettings = QUICK) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(url, settings=settings)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{url}: ")
    return message.removeprefix(f"{url}: ")


def test_a_page_is_fetched_with_an_honest_user_agent(site: Site) -> None:
    site.pages["/a"] = Page(b"<p>hello</p>", "text/html; charset=windows-1256")
    fetched = fetch(site.url("/a"))
    assert fetched.body == b"<p>hello</p>"
    assert fetched.status == 200 and fetched.media_type == "text/html"
    assert fetched.charset == "windows-1256"
    agent = site.requests[0].headers["user-agent"]
    assert agent.startswith(f"hamish/{__version__} ")
    assert {"gzip", "deflate", "br"} <= {
        part.strip() for part in site.requests[0].headers["accept-encoding"].split(",")
    }


def test_a_header_charset_is_read_as_the_whatwg_reads_it(site: Site) -> None:
    site.pages["/latin"] = Page(b"x", "text/html; charset=ISO-8859-1")
    site.pages["/none"] = Page(b"x", "text/html")
    site.pages["/unknown"] = Page(b"x", "text/html; charset=x-no-such-codec")
    assert fetch(site.url("/latin")).charset == "windows-1252"
    assert fetch(site.url("/none")).charset is None
    assert fetch(site.url("/unknown")).charset is None


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_compressed_bodies_are_decoded(site: Site, encoding: str) -> None:
    site.pages["/z"] = Page("نص عربي".encode() * 100, encoding=encoding)
    assert fetch(site.url("/z")).body == "نص عربي".encode() * 100


def test_redirects_are_followed_and_the_final_url_kept(site: Site) -> None:
    site.redirect("/old", "/middle", 301)
    site.redirect("/middle", site.url("/new"), 308)
    site.pages["/new"] = Page(b"<p>here</p>")
    fetched = fetch(site.url("/old"))
    assert fetched.requested_url == site.url("/old")
    assert fetched.final_url == site.url("/new")
    assert fetched.body == b"<p>here</p>"


def test_ten_redirects_are_followed_eleven_are_refused(site: Site) -> None:
    for hop in range(11, 0, -1):
        site.redirect(f"/r{hop}", f"/r{hop - 1}")
    site.pages["/r0"] = Page(b"end")
    assert fetch(site.url("/r10")).body == b"end"
    assert failure(site.url("/r11")) == "too many redirects (more than 10)"


def test_a_redirect_loop_is_named(site: Site) -> None:
    site.redirect("/ping", "/pong")
    site.redirect("/pong", "/ping")
    assert failure(site.url("/ping")) == f"redirect loop (back to {site.url('/ping')})"
    assert len(site.requests) == 2


def test_a_redirect_off_the_web_is_refused(site: Site) -> None:
    site.redirect("/sneaky", "file:///etc/passwd")
    assert failure(site.url("/sneaky")).startswith("redirected to an unusable address")


@pytest.mark.parametrize(("status", "words"), [(404, "Not Found"), (500, "Internal Server Error")])
def test_http_errors_give_the_status(site: Site, status: int, words: str) -> None:
    site.pages["/e"] = Page(b"oops", status=status)
    assert failure(site.url("/e")) == f"HTTP {status} {words}"


def test_an_error_after_a_redirect_says_where(site: Site) -> None:
    site.redirect("/moved", "/gone")
    assert failure(site.url("/moved")) == f"HTTP 404 Not Found at {site.url('/gone')}"


def test_a_server_that_hangs_times_out(site: Site) -> None:
    site.pages["/slow"] = Page(stall=True)
    assert failure(site.url("/slow")).startswith("timed out")


def test_a_server_that_trickles_hits_the_deadline() -> None:
    """One byte every 0.2 s never trips the read timeout; the whole-transfer deadline stops it."""
    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))

    def trickle() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
            while not stop.wait(0.2):
                try:
                    connection.sendall(b"x")
                except OSError:
                    return

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    try:
        settings = FetchSettings(connect_timeout=1, read_timeout=1, total_timeout=0.8)
        assert failure(url, settings) == "timed out (not all received within 0.8 s)"
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def test_a_closed_port_is_unreachable() -> None:
    url = f"http://127.0.0.1:{closed_port()}/x"
    assert failure(url) == "cannot connect (connection refused)"


def test_a_host_that_does_not_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    url = "http://no-such-host.invalid/page"
    assert failure(url) == "host not found (DNS lookup failed)"


@pytest.mark.parametrize(
    "url", ["http://", "https:///path", "http://exa mple.org/", "http://host:99999/", "ftp://x/y"]
)
def test_malformed_urls_are_refused_before_any_connection(url: str) -> None:
    assert failure(url).startswith("malformed URL")


def test_a_declared_length_over_the_limit_is_refused_unread(site: Site) -> None:
    site.pages["/big"] = Page(b"x" * 5000)
    small = FetchSettings(max_bytes=4096)
    assert failure(site.url("/big"), small) == "too large (5,000 bytes; the limit is 4,096)"


def test_a_streamed_body_over_the_limit_is_cut_off(site: Site) -> None:
    site.pages["/huge"] = Page(b"y" * (3 * 1024 * 1024), chunked=True)
    small = FetchSettings(max_bytes=1024 * 1024)
    assert failure(site.url("/huge"), small) == "too large (more than 1,048,576 bytes)"


def test_the_limit_counts_decompressed_bytes(site: Site) -> None:
    """A gzip bomb: 64 KB on the wire, 8 MB once inflated."""
    site.pages["/bomb"] = Page(b"\0" * (8 * 1024 * 1024), encoding="gzip")
    assert len(gzip.compress(b"\0" * (8 * 1024 * 1024))) < 64 * 1024
    small = FetchSettings(max_bytes=1024 * 1024)
    assert failure(site.url("/bomb"), small) == "too large (more than 1,048,576 bytes)"


def test_the_default_limit_is_20_mb(site: Site) -> None:
    assert FetchSettings().max_bytes == 20 * 1024 * 1024
    site.pages["/big"] = Page(b"z" * (20 * 1024 * 1024 + 1), chunked=True)
    assert failure(site.url("/big"), FetchSettings()).startswith("too large")


def test_a_stuck_server_fails_within_30_seconds_by_default() -> None:
    settings = FetchSettings()
    assert settings.total_timeout + settings.read_timeout <= 30
    assert settings.connect_timeout <= settings.total_timeout
    within = FetchSettings.within(6)
    assert within.total_timeout + within.read_timeout == pytest.approx(6)


def test_progress_is_reported_and_a_cancel_stops_the_transfer(site: Site) -> None:
    site.pages["/long"] = Page(b"p" * (1024 * 1024))
    seen: list[Progress] = []
    fetch(site.url("/long"), progress=seen.append)
    assert seen[-1].received == 1024 * 1024 == seen[-1].expected
    assert all(a.received <= b.received for a, b in itertools.pairwise(seen))

    reports: list[Progress] = []
    with pytest.raises(FetchCancelled) as caught:
        fetch(site.url("/long"), progress=reports.append, cancel=lambda: len(reports) >= 1)
    assert str(caught.value) == f"{site.url('/long')}: cancelled"
    assert reports[-1].received < 1024 * 1024


def test_conditional_get_sends_validators_and_reads_304(site: Site) -> None:
    site.pages["/feed"] = Page(b"<rss/>", "application/rss+xml", etag='"v1"')
    first = fetch(site.url("/feed"))
    assert first.validators.etag == '"v1"' and not first.not_modified
    again = fetch(site.url("/feed"), validators=first.validators)
    assert again.not_modified and again.body == b""
    assert site.requests[-1].headers["if-none-match"] == '"v1"'
    stale = fetch(site.url("/feed"), validators=Validators(etag='"v0"'))
    assert stale.body == b"<rss/>"


def test_proxies_come_from_the_environment(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """As curl does: with HTTP_PROXY set, the request goes to the proxy (here the test server,
    which answers a proxied request like any other)."""
    site.pages["/through"] = Page(b"via the proxy")
    monkeypatch.setenv("HTTP_PROXY", site.url(""))
    fetched = fetch("http://pages.example.invalid/through")
    assert fetched.body == b"via the proxy"
    assert site.requests[-1].absolute
