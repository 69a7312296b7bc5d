"""Finding the way in a real terminal: the status row says where you are and how far you got
(which going back to the top does not undo, and ``hamish list`` remembers), the outline goes
to a heading, and a mark brings you back."""

from __future__ import annotations

import os
import subprocess

import pytest

from hamish.core.loaders import load_article
from hamish.core.outline import outline
from tests.e2e.conftest import HAMISH, ROOT, Terminal

pytestmark = pytest.mark.e2e

ENGLISH = ROOT / "articles" / "010_printing-press.md"


def status(lines: list[str]) -> str:
    """The status row: the one above the footer."""
    rows = [row for row in lines if row.strip()]
    return rows[-2].strip() if len(rows) >= 2 else ""


def test_read_to_the_end_back_to_the_top_a_heading_and_a_mark(terminal: Terminal) -> None:
    terminal.start([*HAMISH, str(ENGLISH)])
    terminal.wait_for(
        lambda lines: status(lines).startswith("at 0% · ") and "min left" in status(lines)
    )
    terminal.keys("G")
    terminal.wait_for(lambda lines: status(lines).endswith("100% read · the end"))
    terminal.keys("g")
    terminal.wait_for(lambda lines: status(lines).startswith("at 0% · 100% read · "))
    terminal.keys("m", "a")
    terminal.wait_for(lambda lines: "mark a set" in status(lines))
    heading = outline(load_article(ENGLISH))[2].text
    terminal.keys("o")
    terminal.wait_for(lambda lines: any("Outline: Enter goes" in row for row in lines))
    terminal.keys("Down", "Down", "Enter")
    screen = terminal.wait_for(lambda lines: not any("Outline:" in row for row in lines))
    assert any(row.strip() == heading for row in screen)  # the heading is on screen
    assert not status(screen).startswith("at 0% ")
    terminal.keys("'", "a")
    terminal.wait_for(
        lambda lines: status(lines).startswith("mark a") and " at 0% · " in status(lines)
    )
    terminal.keys("q")
    terminal.wait_for(lambda lines: not any("Highlight" in row for row in lines))
    listed = subprocess.run(
        [*HAMISH, "list", "--plain"],
        env={**os.environ, **terminal.env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    title = load_article(ENGLISH).title
    lines = listed.splitlines()
    assert lines[0] == title and lines[1].startswith("    0 annotations · 100% read, at 0% · ")
