"""``hamish feeds``: add, list (new and unread first, with dates), update, remove."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Hamish, assert_one_error_line, no_raw_controls
from tests.web_server import Page, Site

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>صحيفة الصباح</title><link>/</link>
<item><title>خبر قديم</title><link>/a/1</link><guid isPermaLink="false">1</guid>
  <pubDate>Mon, 05 Jan 2026 08:00:00 GMT</pubDate></item>
<item><title>Bad date</title><link>a/2</link><guid isPermaLink="false">2</guid>
  <pubDate>yesterday-ish</pubDate></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>יומן</title><id>urn:y</id>
<updated>2026-01-06T00:00:00Z</updated>
<entry><title>רשומה</title><id>urn:y:1</id><link href="/y/1"/>
  <updated>2026-01-06T12:00:00Z</updated></entry></feed>
"""


@pytest.fixture
def feeds_site(site: Site) -> Site:
    site.pages["/rss.xml"] = Page(RSS.encode(), "application/rss+xml", etag='"a"')
    site.pages["/atom.xml"] = Page(ATOM.encode(), "application/atom+xml")
    return site


def test_adding_and_listing_feeds(hamish: Hamish, feeds_site: Site, environment: Path) -> None:
    site = feeds_site
    added = hamish("feeds", "add", site.url("/rss.xml"))
    assert added.code == 0, added.err
    assert added.out == f"following صحيفة الصباح (RSS, 2 items): {site.url('/rss.xml')}\n"
    assert hamish("feeds", "add", site.url("/atom.xml")).code == 0
    assert json.loads((environment / "feeds.json").read_text())["feeds"]
    listed = hamish("feeds", "--plain")
    assert listed.code == 0, listed.err
    lines = listed.out.splitlines()
    assert "صحيفة الصباح" in lines
    assert "    RSS · 2 new · 2 unread · checked " in listed.out
    assert "  new     2026-01-05  خبر قديم" in lines
    assert f"                      {site.url('/a/1')}" in lines
    assert "  new     no date     Bad date" in lines
    assert f"                      {site.url('/a/2')}" in lines
    assert "  new     2026-01-06  רשומה" in lines


def test_update_is_conditional_and_quiet_prints_only_failures(
    hamish: Hamish, feeds_site: Site
) -> None:
    site = feeds_site
    hamish("feeds", "add", site.url("/rss.xml"))
    hamish("feeds", "add", site.url("/atom.xml"))
    result = hamish("feeds", "update")
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["صحيفة الصباح: not modified", "יומן: 0 new"]
    site.pages["/atom.xml"] = Page(b"", status=503)
    quiet = hamish("feeds", "update", "--quiet")
    assert quiet.code == 2
    assert quiet.out == ""
    assert_one_error_line(quiet.err, f"{site.url('/atom.xml')}: HTTP 503 Service Unavailable")
    listed = hamish("feeds", "--plain").out
    assert "last update failed: HTTP 503 Service Unavailable" in listed


def test_new_items_come_first(hamish: Hamish, feeds_site: Site) -> None:
    site = feeds_site
    hamish("feeds", "add", site.url("/rss.xml"))
    newer = RSS.replace(
        "<item>",
        '<item><title>عاجل</title><guid isPermaLink="false">3</guid>'
        "<pubDate>Sun, 04 Jan 2026 00:00:00 GMT</pubDate></item><item>",
        1,
    )
    site.pages["/rss.xml"] = Page(newer.encode(), "application/rss+xml")
    assert hamish("feeds", "update").out == "صحيفة الصباح: 1 new\n"
    lines = hamish("feeds", "--plain").out.splitlines()
    items = [line for line in lines if line.startswith("  ") and not line.startswith("    ")]
    assert items[0] == "  new     2026-01-04  عاجل"  # older by date, but new
    # An undated item is dated by when it was found: today, so first of the unread.
    assert items[1:] == ["  unread  no date     Bad date", "  unread  2026-01-05  خبر قديم"]
    assert "1 new · 3 unread" in lines[1]


def test_removing_a_feed(hamish: Hamish, feeds_site: Site) -> None:
    hamish("feeds", "add", feeds_site.url("/rss.xml"))
    removed = hamish("feeds", "remove", feeds_site.url("/rss.xml"))
    assert removed.out == "stopped following صحيفة الصباح\n"
    assert "no feeds yet" in hamish("feeds").out
    again = hamish("feeds", "remove", feeds_site.url("/rss.xml"))
    assert again.code == 2
    assert_one_error_line(again.err, f"{feeds_site.url('/rss.xml')}: not a feed hamish follows")


def test_what_is_not_a_feed_is_refused(hamish: Hamish, site: Site, environment: Path) -> None:
    site.pages["/page"] = Page(b"<html><body><p>just a page</p></body></html>")
    result = hamish("feeds", "add", site.url("/page"))
    assert result.code == 2
    assert_one_error_line(result.err, f"{site.url('/page')}: not a feed")
    assert "no feeds yet" in hamish("feeds").out


def test_feed_titles_are_drawn_by_the_engine(hamish: Hamish, feeds_site: Site) -> None:
    hostile = RSS.replace("خبر قديم", "خبر &#x1b;[2J قديم")
    feeds_site.pages["/rss.xml"] = Page(hostile.encode(), "application/rss+xml")
    hamish("feeds", "add", feeds_site.url("/rss.xml"))
    visual = hamish("feeds", "--visual").out
    assert no_raw_controls([visual])
    assert "ﺔﻔﻴﺤﺻ" in visual  # صحيفة shaped and in visual order
    assert "صحيفة" not in visual


def test_doctor_knows_feeds_json_and_restores_it(
    hamish: Hamish, feeds_site: Site, environment: Path
) -> None:
    hamish("feeds", "add", feeds_site.url("/rss.xml"))
    hamish("feeds", "add", feeds_site.url("/atom.xml"))  # a second save: the backup holds one
    feeds = environment / "feeds.json"
    healthy = hamish("doctor")
    assert healthy.code == 0, healthy.out
    assert f"feeds: {feeds} is healthy: 2 feeds, 3 items (3 unread)" in healthy.out.splitlines()
    feeds.write_bytes(b'{"feeds": {"1": ')
    refused = hamish("feeds")
    assert refused.code == 2
    assert_one_error_line(refused.err, str(feeds), "run `hamish doctor --restore`")
    damaged = hamish("doctor")
    assert damaged.code == 1
    assert f"its backup {feeds}.bak is usable: restore it with `hamish doctor --restore`" in (
        damaged.out
    )
    restored = hamish("doctor", "--restore")
    assert restored.code == 0, restored.out
    assert f"feeds: {feeds} is healthy: 1 feed, 2 items (2 unread)" in restored.out
    assert not (environment / "hamish.json").exists()  # the healthy store was left alone
    assert [p.name for p in environment.glob("feeds.json.corrupt-*")]  # kept, not deleted
    assert "صحيفة الصباح" in hamish("feeds", "--plain").out


def test_doctor_on_feeds_json_without_a_backup(hamish: Hamish, environment: Path) -> None:
    assert "feeds.json does not exist yet" in hamish("doctor").out
    environment.mkdir(exist_ok=True)
    (environment / "feeds.json").write_bytes(b"")
    result = hamish("doctor")
    assert result.code == 1
    assert "feeds.json is empty (0 bytes); there is no backup: move it aside" in result.out
