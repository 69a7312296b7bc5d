"""The article as a whole: its outline, the text column's margins, counts as they are worded,
and texts cut short with an ellipsis (issue 11: outline, comfortable width, items 8 and 9)."""

from __future__ import annotations

import pytest

from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.column import column_margins
from hamish.core.counts import count
from hamish.core.layout.short_text import ELLIPSIS, layout_text
from hamish.core.layout.text import char_width
from hamish.core.outline import Heading, current_heading, outline

ARABIC = "مرحبا بالعالم هذا نص طويل يستمر ويستمر ويستمر بلا نهاية أبدا في هذا السطر"


def test_the_outline_is_the_title_and_headings_each_by_its_depth() -> None:
    article = Article.build(
        [
            BlockSpec(BlockKind.TITLE, "العنوان"),
            BlockSpec(BlockKind.PARAGRAPH, "Text."),
            BlockSpec(BlockKind.HEADING, "First\npart", level=2),
            BlockSpec(BlockKind.HEADING, "Within it", level=3),
            BlockSpec(BlockKind.HEADING, "   ", level=2),
            BlockSpec(BlockKind.HEADING, "Second part", level=2),
        ],
        title="العنوان",
    )
    headings = outline(article)
    starts = [block.start for block in article.blocks]
    assert headings == (
        Heading("العنوان", 0, starts[0]),
        Heading("First part", 1, starts[2]),
        Heading("Within it", 2, starts[3]),
        Heading("Second part", 1, starts[5]),
    )
    assert current_heading(headings, starts[1]) == 0
    assert current_heading(headings, starts[3] + 2) == 2
    assert current_heading(headings, len(article.text)) == 3
    assert current_heading(headings[1:], 0) is None  # before the first heading
    assert outline(Article.build([BlockSpec(BlockKind.PARAGRAPH, "x")], title="")) == ()


@pytest.mark.parametrize(
    ("available", "max_width", "margins"),
    [
        (99, 80, (9, 10)),  # 97 cells of text, 17 spare: an odd one goes right
        (82, 80, (1, 1)),  # exactly the column
        (60, 80, (1, 1)),  # narrower than the column: the whole width
        (200, 0, (1, 1)),  # 0: no limit
        (120, 40, (40, 40)),
    ],
)
def test_the_column_is_centred_by_its_margins(
    available: int, max_width: int, margins: tuple[int, int]
) -> None:
    assert column_margins(available, max_width) == margins


def test_counts_say_one_word_and_group_thousands() -> None:
    assert count(1, "word") == "1 word"
    assert count(0, "word") == "0 words"
    assert count(1204, "word") == "1,204 words"
    assert count(2, "match", "matches") == "2 matches"


def test_a_text_cut_to_its_lines_ends_with_an_ellipsis() -> None:
    short = layout_text("Fits easily.", 30, max_lines=1)
    assert [line.text for line in short] == ["Fits easily."]
    (cut,) = layout_text("hello world this is a long text that goes on", 20, max_lines=1)
    assert cut.text == "hello world this is" + ELLIPSIS
    lines = layout_text("one two three four five six seven eight nine ten", 12, max_lines=2)
    assert len(lines) == 2 and lines[-1].text.endswith(ELLIPSIS)
    for line in lines:
        assert sum(char_width(glyph.text) for glyph in line.glyphs) <= 12
    # Lines of a note: the cut is marked even when it falls at the end of a line.
    assert [line.text for line in layout_text("first\nsecond", 20, max_lines=1)] == [
        "first" + ELLIPSIS
    ]
    # A word longer than the width is cut inside it.
    (long_word,) = layout_text("x" * 50, 10, max_lines=1)
    assert long_word.text == "x" * 9 + ELLIPSIS


def test_a_right_to_left_text_ends_with_its_ellipsis_on_the_left() -> None:
    (line,) = layout_text(ARABIC, 30, max_lines=1)
    assert line.rtl and line.text.startswith(ELLIPSIS)
    assert line.glyphs[-1].col + line.glyphs[-1].width == 30  # still against the right edge
    assert ELLIPSIS not in "".join(g.text for g in layout_text(ARABIC, 30)[0].glyphs)
