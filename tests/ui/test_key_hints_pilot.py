"""The footer shows the keys of what has focus, and is rebuilt only when they change."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from hamish.ui.widgets.key_hints import KeyHints
from tests.ui.conftest import make_app, sample


def shown_keys(hints: KeyHints) -> list[FooterKey]:
    return list(hints.query(FooterKey))


async def test_the_same_keys_are_not_rebuilt_and_new_ones_are() -> None:
    app = make_app(sample())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        hints = app.screen.query_one(KeyHints)
        before = shown_keys(hints)
        assert any(key.description == "Quit" for key in before)
        app.screen.refresh_bindings()  # as Textual does after every focus change
        await pilot.pause()
        assert shown_keys(hints) == before  # the same widgets: nothing was rebuilt

        await pilot.press("slash")  # the search line has focus: its keys are shown
        await pilot.pause()
        during = shown_keys(hints)
        assert during != before
        assert any(key.description == "ة = ه" for key in during)
        await pilot.press("escape")
        await pilot.pause()
        assert [key.description for key in shown_keys(hints)] == [key.description for key in before]
