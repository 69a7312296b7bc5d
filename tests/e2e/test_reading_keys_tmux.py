"""Keys a newcomer tripped over, tried in a real terminal: Escape ends a search and stays in
the article, copy reaches the terminal's clipboard, Enter in the notes pane goes back to the
article, and one of two panes can be closed on its own."""

from __future__ import annotations

import pytest

from hamish.core.loaders import load_article
from tests.e2e.conftest import HAMISH, ROOT, Terminal

pytestmark = pytest.mark.e2e

SAMPLE = ROOT / "articles" / "000_ba9713e08e0d77df.txt"
ENGLISH = ROOT / "articles" / "010_printing-press.md"


def reading(lines: list[str]) -> bool:
    return any("Highlight" in row for row in lines)


def test_escape_ends_the_search_and_stays_in_the_article(terminal: Terminal) -> None:
    terminal.start(HAMISH)  # the library first, as `make run` does
    terminal.wait_for(lambda lines: any("Library" in row for row in lines))
    terminal.keys("Enter")
    terminal.wait_for(reading)
    terminal.keys("/")
    terminal.type("سوريا")
    terminal.keys("Enter")
    terminal.wait_for(lambda lines: any("/" in row and "1/" in row for row in lines))
    terminal.keys("Escape")
    screen = terminal.wait_for(reading)
    assert not any("Library: Enter opens" in row for row in screen)
    assert not any("1/" in row for row in screen[-3:])  # the counter went with the search
    terminal.keys("Escape")  # with no search and no selection, Escape leaves the article
    terminal.wait_for(lambda lines: any("Library: Enter opens" in row for row in lines))


def test_y_copies_the_selection_to_the_terminal_clipboard(terminal: Terminal) -> None:
    terminal.start([*HAMISH, str(SAMPLE)])
    terminal.set_option("set-clipboard", "on")
    terminal.wait_for(reading)
    terminal.keys("s", "y")
    terminal.wait_for(lambda lines: any("Copied" in row for row in lines))
    title = load_article(SAMPLE).title
    assert terminal.buffer() == title  # the logical text, not the reordered screen


def test_enter_in_the_notes_pane_goes_back_to_the_article(terminal: Terminal) -> None:
    terminal.start([*HAMISH, str(ENGLISH)])
    terminal.wait_for(reading)
    terminal.keys("s", "h", "n")
    terminal.wait_for(lambda lines: any("Annotations (1)" in row for row in lines))
    terminal.keys("Enter", "j", "j", "s", "h")  # keys of the article, not of the notes list
    terminal.wait_for(lambda lines: any("Annotations (2)" in row for row in lines))
    terminal.keys("Escape")
    assert not any("Select a passage first" in row for row in terminal.screen())


def test_ctrl_w_closes_one_of_two_panes(terminal: Terminal) -> None:
    english_title = load_article(ENGLISH).title
    terminal.start([*HAMISH, str(SAMPLE)])
    terminal.wait_for(reading)
    terminal.keys("l")
    terminal.wait_for(lambda lines: any("beside the article" in row for row in lines))
    terminal.keys("Down", "Enter")  # the second entry: the English essay, beside
    terminal.wait_for(lambda lines: any(english_title[:20] in row for row in lines))
    terminal.keys("C-w")
    screen = terminal.wait_for(lambda lines: not any(english_title[:20] in r for r in lines))
    assert reading(screen) and not any("Library: Enter opens" in row for row in screen)
