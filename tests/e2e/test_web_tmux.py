"""``hamish URL`` in a real terminal (tmux, 100×32) against a local HTTP server: the fetched
page's right-to-left rows on screen are the engine's visual lines, shaped and right-aligned
in the text column."""

from __future__ import annotations

import pytest

from hamish.core.layout import Layout, LayoutOptions
from hamish.core.web.pages import fetch_page
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


def test_a_fetched_page_shows_the_engines_rows(
    terminal: Terminal, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serving(monkeypatch) as site:
        body = article_page("مفاوضات باريس", TEXT, lang="ar", charset="cp1256")
        site.pages["/news"] = Page(body, "text/html; charset=windows-1256")
        url = site.url("/news")
        terminal.start([*HAMISH, url], width=WIDTH, height=HEIGHT)
        screen = terminal.wait_for(lambda rows: any(PRESENTATION_FORM.search(r) for r in rows))
        layout = Layout(fetch_page(url).article, LayoutOptions(COLUMN))
    assert rtl_rows_checked(screen, layout, left=COLUMN_LEFT) >= 8
