"""Terminal modes: explicit bidi mode (BDSM) around the app, logical order for terminals that
reorder by themselves, and unshaped letters on request."""

from __future__ import annotations

import errno
import io
import unicodedata

import pytest
from textual.drivers.linux_driver import LinuxDriver

from hamish.core.config import Config
from hamish.ui.driver import BIDI_EXPLICIT, BIDI_IMPLICIT, hamish_driver
from hamish.ui.widgets.reader_view import ReaderView
from tests.ui.conftest import make_app, sample


def test_the_driver_switches_bidi_off_in_the_terminal_and_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    driver_class = hamish_driver(explicit_bidi=True)
    base = driver_class.__mro__[1]  # the platform's driver, under the bidi switch
    assert issubclass(base, LinuxDriver)
    monkeypatch.setattr(base, "start_application_mode", lambda self: calls.append("start"))
    monkeypatch.setattr(base, "stop_application_mode", lambda self: calls.append("stop"))
    monkeypatch.setattr(LinuxDriver, "write", lambda self, data: calls.append(data))
    monkeypatch.setattr(LinuxDriver, "flush", lambda self: None)
    driver = driver_class.__new__(driver_class)  # no terminal needed for the order of writes
    driver.start_application_mode()
    driver.stop_application_mode()
    assert calls == ["start", BIDI_EXPLICIT, BIDI_IMPLICIT, "stop"]
    assert BIDI_EXPLICIT == "\x1b[8l" and BIDI_IMPLICIT == "\x1b[8h"


async def test_terminal_bidi_mode_writes_logical_order() -> None:
    app = make_app(sample(), config=Config(bidi="terminal"))
    async with app.run_test(size=(100, 32)):
        view = app.screen.query_one(ReaderView)
        assert view.layout_engine is not None
        title = view.layout_engine.line(0)
        assert [g.start for g in title.glyphs] == sorted(g.start for g in title.glyphs)
        assert title.glyphs[0].col == 0  # left-aligned: the terminal places it


async def test_no_shaping_draws_the_letters_as_written() -> None:
    app = make_app(sample(), config=Config(shaping=False))
    async with app.run_test(size=(100, 32)):
        view = app.screen.query_one(ReaderView)
        assert view.layout_engine is not None
        drawn = view.layout_engine.line(0).text
        assert not any("FORM" in unicodedata.name(c, "") for c in drawn)
        assert drawn == "".join(reversed("بوادر تقارب تاريخي بين سوريا وإسرائيل بوساطة أمريكية"))


def test_writes_to_a_terminal_that_went_away_are_dropped_and_reported_once() -> None:
    from hamish.ui.driver import _Terminal

    class HungUp(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.EIO, "Input/output error")

    gone: list[str] = []
    terminal = _Terminal(HungUp(), lambda: gone.append("gone"))
    assert terminal.write("\x1b[?1049l") == 8  # never raises: the app's exit must not block
    terminal.write("more")
    terminal.flush()
    assert gone == ["gone"] and terminal.dead
