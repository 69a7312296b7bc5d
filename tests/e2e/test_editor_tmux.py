"""Typing Arabic in a real terminal: the note editor, a tag and the search line read right while
they are typed, before anything is saved: visual order, shaped, right-aligned, and the raw
logical string nowhere on screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamish.core.layout.short_text import visual_string
from tests.e2e.conftest import HAMISH, ROOT, Terminal, stored_annotations

pytestmark = pytest.mark.e2e

SAMPLE = ROOT / "articles" / "000_ba9713e08e0d77df.txt"
NOTE = "ملاحظة عن Paris في 2026 (مهمة)"
TAG = "الشرق الأوسط"
QUERY = "سوريا 2026"


def row_showing(lines: list[str], text: str) -> str:
    [row] = [line for line in lines if visual_string(text) in line]
    return row


def assert_reads_right(lines: list[str], text: str, right_edge: str) -> None:
    """``text`` shows in visual order and shaped, ending at the field's right edge."""
    shown = visual_string(text)
    assert any("\ufe70" <= char <= "\ufeff" for char in shown)  # presentation forms
    assert not any(text in line for line in lines)  # never the logical string
    row = row_showing(lines, text)
    end = row.index(shown) + len(shown)
    edge = row.rindex(right_edge) if right_edge else len(row.rstrip())
    assert 0 <= edge - end <= 3, f"not right-aligned: {row!r}"


def test_arabic_reads_right_while_typed_in_every_field(terminal: Terminal) -> None:
    data_dir = Path(terminal.env["HAMISH_DATA_DIR"])
    terminal.start([*HAMISH, str(SAMPLE)])
    terminal.wait_for(lambda lines: any("Highlight" in row for row in lines))

    terminal.keys("s", "a")
    terminal.wait_for(lambda lines: any("ctrl+s saves" in row for row in lines))
    terminal.type(NOTE)
    lines = terminal.wait_for(lambda lines: any(visual_string(NOTE) in row for row in lines))
    assert_reads_right(lines, NOTE, "▎")
    terminal.keys("C-s")
    terminal.wait_for(lambda lines: not any("ctrl+s saves" in row for row in lines))

    terminal.keys("t")
    terminal.wait_for(lambda lines: any("separate tags" in row for row in lines))
    terminal.type(TAG)
    lines = terminal.wait_for(lambda lines: any(visual_string(TAG) in row for row in lines))
    assert_reads_right(lines, TAG, "│")
    terminal.keys("Enter")
    terminal.wait_for(lambda lines: not any("separate tags" in row for row in lines))

    terminal.keys("/")
    terminal.type(QUERY)
    lines = terminal.wait_for(lambda lines: any(visual_string(QUERY) in row for row in lines))
    assert_reads_right(lines, QUERY, "")
    assert row_showing(lines, QUERY).lstrip().startswith("/")  # one row: prompt and query

    terminal.keys("Escape", "q")
    terminal.wait_for(lambda lines: not any("Highlight" in row for row in lines))
    [annotation] = stored_annotations(data_dir)
    assert annotation["note"] == NOTE and annotation["tags"] == [TAG]
