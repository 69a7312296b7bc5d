"""The footer shows the keys of what has focus, and a click on one presses it."""

from __future__ import annotations

from hamish.ui.screens.help import HelpScreen
from hamish.ui.widgets.key_hints import KeyHints
from tests.ui.conftest import make_app, sample, screen_lines


async def test_the_footer_follows_focus() -> None:
    app = make_app(sample())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert " q Quit " in footer and " ? Keys " in footer and " n Notes " in footer
        assert footer.rstrip().endswith("^p palette")
        await pilot.press("slash")  # the search line has focus: its keys are shown
        await pilot.pause()
        assert "ة = ه" in screen_lines(app)[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert screen_lines(app)[-1] == footer


async def test_a_click_on_a_key_presses_it() -> None:
    app = make_app(sample())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        hints = app.screen.query_one(KeyHints)
        column = screen_lines(app)[-1].index(" ? Keys ") + 1
        await pilot.click(KeyHints, offset=(column, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert hints.hints  # what it showed: the reader's keys
