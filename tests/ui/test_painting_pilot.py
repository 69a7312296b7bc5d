"""Highlights are painted over exactly their logical range, on every row they touch, at every
width; where two overlap, the later one is on top."""

from __future__ import annotations

from rich.style import Style

from hamish.core.annotations.model import Annotation, Color
from hamish.core.opening import identify
from hamish.core.store import Store
from hamish.ui.widgets.reader_view import ReaderView
from tests.core.layout_cells import cells_of
from tests.ui.conftest import make_app, sample


def painted_cells(view: ReaderView, style: Style) -> dict[int, set[int]]:
    """(row -> columns) whose segment carries ``style``'s background, as drawn."""
    found: dict[int, set[int]] = {}
    top = int(view.scroll_offset.y)
    for y in range(view.scrollable_content_region.height):
        col = 0
        for segment in view.render_line(y):
            width = segment.cell_length
            if segment.style is not None and segment.style.bgcolor == style.bgcolor:
                found.setdefault(top + y, set()).update(range(col, col + width))
            col += width
    return found


def expected_cells(view: ReaderView, start: int, end: int) -> dict[int, set[int]]:
    layout = view.layout_engine
    assert layout is not None
    top, height = int(view.scroll_offset.y), view.scrollable_content_region.height
    return {
        row: {c for left, right in runs for c in range(left, right)}
        for row, runs in cells_of(layout, start, end).items()
        if top <= row < top + height
    }


async def test_highlights_cover_exactly_their_range_at_every_width(store: Store) -> None:
    article = sample()
    record = identify(store, article)
    text = article.text
    first_start = text.index("وصف المبعوث")
    first_end = text.index("بعد عقود")  # most of a paragraph: several rows, mixed content
    second_start = text.index("اختراق نوعي")  # inside the first one
    second_end = second_start + len("اختراق نوعي")
    for start, end, color, created in (
        (first_start, first_end, Color.GREEN, "2026-01-01T00:00:00.000Z"),
        (second_start, second_end, Color.PINK, "2026-01-02T00:00:00.000Z"),
    ):
        store.add(
            Annotation.create(
                article_key=record.key,
                text=text,
                start=start,
                end=end,
                text_hash=article.key,
                color=color,
                now=created,
            )
        )
    app = make_app(article, store=store)
    for width in (100, 61, 43):
        async with app.run_test(size=(width, 40)) as pilot:
            pane = app.screen.pane
            await pane.annotating.ready.wait()
            await pilot.press("ctrl+end", "ctrl+home")  # caret away from the highlights
            await pilot.pause()
            view = pane.view
            green = view.reading_style("hl-green")
            pink = view.reading_style("hl-pink")
            expected_pink = expected_cells(view, second_start, second_end)
            expected_green = expected_cells(view, first_start, first_end)
            for row, cols in expected_pink.items():
                expected_green[row] -= cols  # the later highlight is on top
            expected_green = {row: cols for row, cols in expected_green.items() if cols}
            assert painted_cells(view, pink) == expected_pink, width
            assert painted_cells(view, green) == expected_green, width
            assert len(expected_green) >= 2  # it spans several rows
        app = make_app(article, store=store)
