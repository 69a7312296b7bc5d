"""Each row of the colour table is a whole colour in the app: its key chooses it, the reader
paints it in the theme's highlight style, and the notes pane's swatch shows that same style.
The test iterates the table, so a new row needs nothing else to pass."""

from __future__ import annotations

import pytest

from hamish.core.annotations.model import Color
from hamish.core.contrast import hex_of
from hamish.core.store import Store
from hamish.ui.theme_colors import theme_palette
from hamish.ui.widgets.annotations_pane import AnnotationsPane
from tests.ui.conftest import make_app, sample


@pytest.mark.parametrize("color", list(Color), ids=str)
async def test_every_colour_has_its_key_its_highlight_and_its_swatch(
    store: Store, color: Color
) -> None:
    app = make_app(sample(), store=store)
    async with app.run_test(size=(120, 32)) as pilot:
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        await pilot.press(color.key, "s", "h")
        await pilot.pause()
        [placed] = pane.session.anchored
        assert placed.annotation.color is color
        view = pane.view
        style = view.reading_style(f"hl-{color}")
        assert style.bgcolor is not None and style.bgcolor.triplet is not None
        palette = theme_palette(app.get_css_variables(), app.ansi_theme)
        assert style.bgcolor.triplet.hex == hex_of(palette.marks.highlights[color].background)
        painted = [s for y in range(20) for s in view.render_line(y) if s.style is not None]
        assert any(s.style.bgcolor == style.bgcolor for s in painted if s.text.strip())
        await pilot.press("n")
        await pilot.pause()
        notes = pane.query_one(AnnotationsPane)
        swatch = notes.swatch(color)
        assert (swatch.color, swatch.bgcolor) == (style.color, style.bgcolor)
        assert style.bgcolor != view.rich_style.bgcolor  # seen against the page
