"""Annotating as a user would, in a real terminal: select the first sentence, type an Arabic
note, save, quit; the note is in the article's file of the store; reopening shows it
right-to-left in the pane."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamish.core.layout.short_text import visual_string
from tests.e2e.conftest import HAMISH, ROOT, Terminal, stored_annotations

pytestmark = pytest.mark.e2e

SAMPLE = ROOT / "articles" / "000_ba9713e08e0d77df.txt"
TITLE = "بوادر تقارب تاريخي بين سوريا وإسرائيل بوساطة أمريكية"
NOTE = "ملاحظة مهمة عن باريس"


def test_annotate_save_quit_and_find_the_note_again(terminal: Terminal) -> None:
    data_dir = Path(terminal.env["HAMISH_DATA_DIR"])
    terminal.start([*HAMISH, str(SAMPLE)])
    terminal.wait_for(lambda lines: any("Highlight" in row for row in lines))
    terminal.keys("s", "a")
    terminal.wait_for(lambda lines: any("ctrl+s saves" in row for row in lines))
    terminal.type(NOTE)
    preview = visual_string(NOTE)
    terminal.wait_for(lambda lines: any(preview in row for row in lines))
    terminal.keys("C-s", "q")
    terminal.wait_for(lambda lines: not any("Highlight" in row for row in lines))

    annotations = stored_annotations(data_dir)
    assert len(annotations) == 1
    assert annotations[0]["quote"] == TITLE
    assert annotations[0]["note"] == NOTE

    terminal.close()
    terminal.start([*HAMISH, str(SAMPLE)])
    terminal.wait_for(lambda lines: any("Highlight" in row for row in lines))
    terminal.keys("n")
    screen = terminal.wait_for(lambda lines: any(preview in row for row in lines))
    assert any(visual_string(TITLE)[:20] in row for row in screen)
