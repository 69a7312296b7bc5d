"""``hamish URL`` in a real terminal (tmux, 100×32) against a local HTTP server: the app is up
while the page is fetched, showing how much has come; then the page's right-to-left rows on
screen are the engine's visual lines, shaped and right-aligned."""

from __future__ import annotations

import threading

import pytest

from hamish.core.layout import Layout, LayoutOptions
from hamish.core.web.pages import fetch_page
from hamish.core.web.progress import progress_text
from tests.e2e.conftest import HAMISH, Terminal
from tests.e2e.test_reader_tmux import (
    COLUMN,
    COLUMN_LEFT,
    HEIGHT,
    PRESENTATION_FORM,
    WIDTH,
    rtl_rows_checked,
)
from tests.web_server import Page, article_page, serving

pytestmark = pytest.mark.e2e

TEXT = (
    "قالت الصحيفة إن المفاوضات في باريس استمرت ثلاثة أيام قبل أن يتفق الطرفان على بيان مشترك "
    "يدعو إلى وقف التصعيد وفتح المعابر أمام المساعدات الإنسانية، وأضافت أن الجولة المقبلة "
    "ستعقد في الربيع بحضور ممثلين عن الأمم المتحدة."
)


def test_a_url_is_fetched_in_the_app_then_shows_the_engines_rows(
    terminal: Terminal, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serving(monkeypatch) as site:
        body = article_page("مفاوضات باريس", TEXT, lang="ar", charset="cp1256")
        gate = threading.Event()  # the server sends half the page, then waits for the test
        site.pages["/news"] = Page(body, "text/html; charset=windows-1256", gate=gate)
        url = site.url("/news")
        terminal.start([*HAMISH, url], width=WIDTH, height=HEIGHT)
        halfway = progress_text(len(body) // 2, len(body))
        fetching = terminal.wait_for(lambda rows: any(halfway in row for row in rows))
        assert any("Opening" in row for row in fetching) and any(url in row for row in fetching)
        gate.set()
        screen = terminal.wait_for(
            lambda rows: (
                any("Highlight" in row for row in rows)  # the reader's footer
                and any(PRESENTATION_FORM.search(row) for row in rows)
            )
        )
        layout = Layout(fetch_page(url).article, LayoutOptions(COLUMN))
    assert rtl_rows_checked(screen, layout, left=COLUMN_LEFT) >= 8
