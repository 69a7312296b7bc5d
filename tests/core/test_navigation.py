"""Caret and selection: visual movement, logical ranges, all through the layout's map."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.layout import Layout, LayoutOptions
from hamish.core.layout import navigation as nav
from hamish.core.loaders import article_from_text
from hamish.core.loaders.decode import DecodedText
from tests.core.layout_cells import cells_of
from tests.core.layout_strategies import mixed_paragraphs

MOVES = ["left", "right", "up", "down", "word_left", "word_right", "home", "end"]


def build(paragraphs: list[str], width: int = 30) -> Layout:
    article = Article.build([BlockSpec(BlockKind.PARAGRAPH, p) for p in paragraphs], title="t")
    return Layout(article, LayoutOptions(width))


def apply(layout: Layout, caret: int, move: str, goal: int | None) -> tuple[int, int | None]:
    if move in ("left", "right"):
        return nav.move_horizontal(layout, caret, -1 if move == "left" else 1), None
    if move in ("up", "down"):
        return nav.move_vertical(layout, caret, -1 if move == "up" else 1, goal)
    if move.startswith("word"):
        return nav.move_word(layout, caret, -1 if move == "word_left" else 1), None
    return (nav.line_start if move == "home" else nav.line_end)(layout, caret), None


def clusters_in_order(layout: Layout) -> list[int]:
    return sorted(g.start for row in range(layout.row_count) for g in layout.line(row).glyphs)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(mixed_paragraphs(), min_size=1, max_size=3),
    st.integers(8, 40),
    st.lists(st.sampled_from(MOVES), max_size=40),
    st.lists(st.sampled_from(MOVES), max_size=20),
)
def test_selection_cells_show_exactly_the_selected_text(paragraphs, width, before, during):
    layout = build(paragraphs, width)
    text = layout.article.text
    caret = nav.first_offset(layout)
    assert caret is not None
    goal = None
    for move in before:
        caret, goal = apply(layout, caret, move, goal)
        assert nav.snap(layout, caret) == caret
    anchor = caret
    for move in during:
        caret, goal = apply(layout, caret, move, goal)
    start, end = nav.selection_range(layout, nav.Selection(anchor, caret))
    # What a reader sees painted: the cells of every row, mapped back through the same map.
    shown: list[tuple[int, int]] = []
    for row, runs in cells_of(layout, start, end).items():
        line = layout.line(row)
        for left, right in runs:
            for col in range(left, right):
                glyph = line.glyph_at(col)
                assert glyph is not None
                shown.append((glyph.start, glyph.end))
    pieces = sorted(set(shown))
    assert "".join(text[a:b] for a, b in pieces) == text[start:end].replace("\n\n", "")
    assert pieces[0][0] == start and pieces[-1][1] == end


@settings(max_examples=150, deadline=None)
@given(mixed_paragraphs(), st.integers(8, 40))
def test_left_and_right_are_inverse_inside_a_row(paragraph, width):
    layout = build([paragraph], width)
    for row in range(layout.row_count):
        glyphs = layout.line(row).glyphs
        for left, right in itertools.pairwise(glyphs):
            assert nav.move_horizontal(layout, left.start, 1) == right.start
            assert nav.move_horizontal(layout, right.start, -1) == left.start


def test_right_walks_an_english_paragraph_in_reading_order():
    layout = build(["The quick brown fox jumps over the lazy dog again and again."], 16)
    order, caret = [], nav.first_offset(layout)
    for _ in range(len(clusters_in_order(layout))):
        order.append(caret)
        caret = nav.move_horizontal(layout, caret, 1)
    assert order == clusters_in_order(layout)


def test_left_walks_an_arabic_paragraph_in_reading_order():
    layout = build(["وصف المبعوث الأمريكي الخاص إلى سوريا نتائج المحادثات بأنها اختراق نوعي"], 20)
    order, caret = [], nav.first_offset(layout)
    for _ in range(len(clusters_in_order(layout))):
        order.append(caret)
        caret = nav.move_horizontal(layout, caret, -1)
    assert order == clusters_in_order(layout)


def test_first_offset_is_on_the_right_of_an_arabic_row():
    layout = build(["مرحبا بالعالم"], 30)
    line = layout.line(0)
    caret = nav.first_offset(layout)
    assert caret == 0
    assert line.col_of(caret) == max(g.col for g in line.glyphs)


def test_up_and_down_keep_the_column():
    layout = build(["aaaa bbbb cccc dddd eeee ffff"], 10)
    start = layout.line(0).glyphs[3].start
    down, goal = nav.move_vertical(layout, start, 1, None)
    assert layout.line(layout.row_of(down)).col_of(down) == 3
    back, _ = nav.move_vertical(layout, down, -1, goal)
    assert back == start


def test_sentence_and_paragraph_selection():
    text = "First one. Second «quoted»! Third? Last"
    layout = build([text, "Other block."])
    second = text.index("Second")
    start, end = nav.sentence_at(layout, second + 3)
    assert text[start:end] == "Second «quoted»!"
    start, end = nav.sentence_at(layout, len(text) - 1)
    assert text[start:end] == "Last"
    start, end = nav.sentence_at(layout, 0)
    assert text[start:end] == "First one."
    assert nav.paragraph_at(layout, 3) == (0, len(text))


def test_arabic_sentence_ends_at_arabic_question_mark():
    text = "هل قرأت المقال؟ نعم قرأته."
    layout = build([text])
    start, end = nav.sentence_at(layout, 2)
    assert text[start:end] == "هل قرأت المقال؟"


def test_word_moves_skip_harakat_inside_words():
    text = "بِسْمِ اللَّهِ الرَّحْمَنِ"
    layout = build([text], 40)
    caret = nav.move_word(layout, 0, -1)  # leftwards = forward in Arabic
    assert caret == text.index("اللَّهِ")


def test_word_moves_with_a_selection_stop_on_word_boundaries() -> None:
    """v, then word moves: the selection holds whole words, never a letter of the next one,
    growing forward (leftwards in Arabic) and shrinking back again."""
    text = "الرئيس السوري أحمد الشرع والمبعوث"
    article = article_from_text(
        DecodedText(f"عنوان\n\n{text}\n", "utf-8"), article_format="txt", fallback_title="t"
    )
    layout = Layout(article, LayoutOptions(80))
    layout.index()
    start = article.text.index(text)
    selection = nav.Selection(start, start, sticky=True)
    chosen = []
    for step in (-1, -1, -1, 1, 1, 1):  # on a right-to-left row, left is forward
        selection = nav.extend_by_word(layout, selection, step)
        low, high = nav.selection_range(layout, selection) or (0, 0)
        chosen.append(article.text[low:high])
    assert chosen == [
        "الرئيس",
        "الرئيس السوري",
        "الرئيس السوري أحمد",
        "الرئيس السوري",
        "الرئيس",
        "ا",  # shrinking past the anchor stops there
    ]
