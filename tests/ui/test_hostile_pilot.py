"""Articles that try to talk to the terminal: nothing they contain is ever sent raw."""

from __future__ import annotations

from pathlib import Path

from hamish.core.config import Config
from hamish.core.loaders import load_article
from hamish.ui.screens.reader import ReaderScreen
from hamish.ui.widgets.key_hints import KeyHints
from tests.ui.conftest import make_app, sample, screen_lines

HOSTILE = (
    "Title \x1b]0;owned\x07 here\n\n"
    "Clear \x1b[2J the screen, \x1b[31mred\x1b[0m, C1 \x9b31m, bell \x07, delete \x7f.\n\n"
    "عربي \u202eمعكوس\u202c ونص \u2067معزول\u2069 بعده.\n\n"
    "Cursor \x1b[10;10H home \x1bc reset \x1bP dcs \x1b\\ end."
)


async def test_escape_sequences_are_shown_as_symbols(tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    app = make_app(load_article(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        rows = screen_lines(app)
        joined = "\n".join(rows)
        for raw in ("\x1b", "\x07", "\x9b", "\x7f", "\u202e", "\u2067", "\u202c", "\u2069"):
            assert raw not in joined, repr(raw)
        assert "␛[2J" in joined and "␛]0;owned␇" in joined and "␡" in joined


async def test_empty_file_opens_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    app = make_app(load_article(path))
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert any("empty" in n.message for n in app._notifications)
        await pilot.press("s", "h", "down", "right", "ctrl+end")  # nothing to do, nothing breaks
        assert app.is_running


async def test_a_stray_nul_is_drawn_as_a_symbol(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Title\n\nA stray \x00 NUL does not make this article binary.\n")
    app = make_app(load_article(path))
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        joined = "\n".join(screen_lines(app))
        assert "A stray ␀ NUL" in joined and "\x00" not in joined


async def test_a_keymap_key_with_control_characters_is_shown_as_symbols() -> None:
    """config.toml's keymap can bind a key named with raw control characters; the footer, help
    and palette show keys through the sanitiser."""
    app = make_app(sample(), config=Config(keymap={"reader.search": "\x1b[2J"}))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        hints = {hint.description: hint.shown for hint in app.screen.query_one(KeyHints).hints}
        assert "\x1b" not in hints["Search"] and "␛" in hints["Search"]
        assert not any("\x1b" in row for row in screen_lines(app))
