"""``i``: what hamish knows about the article: its file (or URL), format, encoding, size and
notes."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from hamish.core.annotations.model import Anchored, ArticleRecord, shown_time
from hamish.core.article import Article, WebOrigin
from hamish.core.counts import count
from hamish.core.file_names import shown_path
from hamish.core.reading_progress import WORDS_PER_MINUTE, Whereabouts
from hamish.ui.render import bidi_text

WIDTH = 60


def info_rows(
    article: Article,
    record: ArticleRecord | None,
    anchored: tuple[Anchored, ...],
    where: Whereabouts | None = None,
) -> list[tuple[str, Text]]:
    orphans = sum(1 for placed in anchored if placed.orphaned)
    notes = f"{len(anchored)}" + (f" ({orphans} orphaned)" if orphans else "")
    rows = [("Title", bidi_text(article.title or "(none)", WIDTH, max_lines=3))]
    if article.source is not None or article.web is None:
        shown = shown_path(article.source) if article.source else "(none)"
        rows.append(("File", Text(shown, overflow="fold")))
    if article.web is not None:
        rows += web_rows(article.web)
    rows += [
        ("Format", Text(article.format)),
        ("Encoding", Text(article.encoding)),
        ("Date", bidi_text(article.date or "(unknown)", WIDTH, max_lines=1)),
        (
            "Size",
            Text(f"{count(article.word_count, 'word')}, {count(len(article.text), 'character')}"),
        ),
        ("Annotations", Text(notes)),
    ]
    if where is not None:
        rows.append(("Position", Text(f"{where.position}%")))
        rows.append(("Read", Text(f"{where.furthest}% (the furthest you got)")))
        if where.words_left is not None:
            words = count(where.words_left, "word")
            speed = f"{WORDS_PER_MINUTE} words a minute"
            rows.append(("Left", Text(f"{words}: {where.time_left()} at {speed}")))
    if record is not None:
        rows.append(("Key", Text(record.key)))
    return rows


def web_rows(web: WebOrigin) -> list[tuple[str, Text]]:
    """Where a page from the web came from: the URL it is known by, its site, when fetched."""
    rows = [("URL", bidi_text(web.url, WIDTH, max_lines=3))]
    if web.site:
        rows.append(("Site", bidi_text(web.site, WIDTH, max_lines=1)))
    if web.fetched:
        rows.append(("Fetched", Text(shown_time(web.fetched))))
    return rows


class InfoScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    InfoScreen { align: center middle; }
    InfoScreen > Vertical {
        width: 80; max-width: 96%; height: auto; border: round $primary;
        background: $surface; padding: 0 1;
    }
    """
    BINDINGS: list[BindingType] = [Binding("escape,i,q", "dismiss", "Close", id="info.close")]

    def __init__(
        self,
        article: Article,
        record: ArticleRecord | None,
        anchored: tuple[Anchored, ...],
        where: Whereabouts | None = None,
    ) -> None:
        super().__init__()
        self.rows = info_rows(article, record, anchored, where)

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True, min_width=11)
        table.add_column()  # each value says how it fits: the title crops, the file folds
        for label, value in self.rows:
            table.add_row(label, value)
        with Vertical():
            yield Static(Text("Article", style="bold"))
            yield Static(table)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
