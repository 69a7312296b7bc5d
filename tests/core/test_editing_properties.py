"""Random edit scripts against the editing model.

Whatever is typed, pasted, deleted, moved over, selected, undone and redone, the text is what a
plain string model gives; the caret always stands on a cluster boundary; the cell it is drawn
on stands, through the engine's map, for the caret's offset; a click on any cell puts the caret
on that very cell; and → from a row's left edge crosses every glyph once, left to right.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.editing import Editor
from hamish.core.editing.paragraphs import leading_marks, paragraph_levels
from tests.core.editing_helpers import cluster_stops, next_cluster_end, offsets_at_gap
from tests.core.layout_strategies import (
    ARABIC,
    BRACKETS,
    DIGITS,
    HARAKAT,
    HEBREW,
    LATIN,
    mixed_paragraphs,
)

TYPED = ARABIC[:12] + "لا" + HEBREW[:8] + LATIN[:10] + DIGITS[:4] + BRACKETS + HARAKAT[:4] + " \n"
PASTED = st.one_of(
    st.text(TYPED + "\u200c\u200f\u200e", max_size=12),
    st.sampled_from(["\x1b[2J", "\x1b]0;title\x07", "a\r\nb", "(Paris 2026)"]),
)

COMMANDS = st.one_of(
    st.tuples(st.just("type"), st.sampled_from(TYPED)),
    st.tuples(st.just("paste"), PASTED),
    st.tuples(st.sampled_from(["backspace", "delete", "cut", "undo", "redo", "flip", "all"])),
    st.tuples(st.just("horizontal"), st.sampled_from([-1, 1]), st.booleans()),
    st.tuples(st.just("vertical"), st.sampled_from([-2, -1, 1, 2]), st.booleans()),
    st.tuples(st.just("word"), st.sampled_from([-1, 1]), st.booleans()),
    st.tuples(st.just("edge"), st.booleans(), st.booleans(), st.booleans()),
    st.tuples(st.just("click"), st.integers(0, 8), st.integers(0, 24), st.booleans()),
)


def _deleted(text: str, start: int, end: int) -> str:
    return text[:start] + text[end:]


def _expected(editor: Editor, command: tuple[object, ...]) -> str | None:
    """The text a plain string model gives for ``command``; None for a move, undo or redo."""
    text = editor.text
    start, end = editor.selection.start, editor.selection.end
    caret = editor.caret.offset
    name = command[0]
    if name in ("type", "paste"):
        inserted = str(command[1])
        if editor.single_line:
            inserted = inserted.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
        return text[:start] + inserted + text[end:]
    if name in ("backspace", "delete", "cut") and start != end:
        return _deleted(text, start, end)
    if name == "backspace":
        return _deleted(text, caret - 1, caret) if caret else text
    if name == "delete":
        if caret == len(text):
            return text
        if text[caret] == "\n":
            return _deleted(text, caret, caret + 1)
        return _deleted(text, caret, next_cluster_end(text, caret))
    if name == "cut":
        return text
    return None


def _run(editor: Editor, command: tuple[object, ...]) -> None:
    name, *args = command
    if name == "type":
        editor.insert(str(args[0]))
    elif name == "paste":
        editor.insert(str(args[0]), typed=False)
    elif name in ("backspace", "delete", "cut", "undo", "redo"):
        getattr(editor, str(name))()
    elif name == "flip":
        editor.flip_direction()
    elif name == "all":
        editor.select_all()
    elif name == "horizontal":
        editor.move_horizontal(int(args[0]), select=bool(args[1]))
    elif name == "vertical":
        editor.move_vertical(int(args[0]), select=bool(args[1]))
    elif name == "word":
        editor.move_word(int(args[0]), select=bool(args[1]))
    elif name == "edge":
        document, end, select = (bool(arg) for arg in args)
        move = editor.move_to_document_edge if document else editor.move_to_row_edge
        move(end=end, select=select)
    else:
        editor.click(int(args[0]), int(args[1]), select=bool(args[2]))


def _check_caret(editor: Editor) -> None:
    caret = editor.caret
    assert caret.offset in cluster_stops(editor.text)
    place = editor.view.place(caret)
    row = editor.view.row(place.row)
    assert place.col == (place.gap - 1 if row.rtl else place.gap)
    assert 0 <= place.col < editor.view.canvas_width
    assert caret.offset in offsets_at_gap(editor.view, place.row, place.gap)


def _check_flip(before: str, after: str, paragraph: int) -> None:
    old, new = before.split("\n"), after.split("\n")
    assert [p[leading_marks(p) :] for p in old] == [p[leading_marks(p) :] for p in new]
    assert old[:paragraph] + old[paragraph + 1 :] == new[:paragraph] + new[paragraph + 1 :]
    assert paragraph_levels(old)[paragraph] != paragraph_levels(new)[paragraph]


@settings(max_examples=150, deadline=None)
@given(
    start=st.text(TYPED, max_size=30),
    commands=st.lists(COMMANDS, max_size=30),
    width=st.integers(8, 30),
    single_line=st.booleans(),
)
def test_edit_scripts_match_a_plain_string_model(
    start: str, commands: list[tuple[object, ...]], width: int, single_line: bool
) -> None:
    editor = Editor(start, width=width, single_line=single_line)
    initial = editor.text
    seen = {initial}
    for command in commands:
        before = editor.text
        expected = _expected(editor, command)
        paragraph = editor.view.paragraph_at(editor.caret.offset)
        _run(editor, command)
        if expected is not None:
            assert editor.text == expected
        elif command[0] == "flip":
            _check_flip(before, editor.text, paragraph)
        elif command[0] == "undo":
            assert editor.text in seen
            if editor.text != before:
                editor.redo()
                assert editor.text == before
                editor.undo()
        elif command[0] == "redo":
            assert editor.text in seen
        else:
            assert editor.text == before  # moves and selections never change the text
        seen.add(editor.text)
        _check_caret(editor)
        assert 0 <= editor.selection.anchor <= len(editor.text)
    while editor.undo():
        _check_caret(editor)
    assert editor.text == initial


@settings(max_examples=150, deadline=None)
@given(text=mixed_paragraphs(max_words=8), width=st.integers(8, 40))
def test_a_click_on_any_cell_puts_the_caret_on_that_cell(text: str, width: int) -> None:
    editor = Editor(text, width=width)
    for row_index in range(editor.view.row_count):
        row = editor.view.row(row_index)
        for glyph in row.line.glyphs:
            for col in range(glyph.col + row.shift, glyph.col + row.shift + glyph.width):
                editor.click(row_index, col)
                place = editor.view.place(editor.caret)
                if editor.caret.offset == row.start + row.line.end and not row.last:
                    continue  # a word broken across rows: its end is also the next row's start
                assert place.row == row_index
                assert glyph.col + row.shift <= place.col < glyph.col + row.shift + glyph.width


@settings(max_examples=150, deadline=None)
@given(text=mixed_paragraphs(max_words=8))
def test_right_arrow_crosses_every_glyph_of_a_row_once(text: str) -> None:
    editor = Editor(text, width=200)
    row = editor.view.row(0)
    assert editor.view.row_count == 1
    edges = [glyph.col + row.shift for glyph in row.line.glyphs]
    edges.append(edges[-1] + row.line.glyphs[-1].width)
    editor.selection = type(editor.selection).at(editor.view.edge_caret(row, left=True))
    visited = []
    for _ in edges:
        visited.append(editor.view.place(editor.caret).gap)
        editor.move_horizontal(1)
    assert visited == edges
    visited = []
    editor.selection = type(editor.selection).at(editor.view.edge_caret(row, left=False))
    for _ in edges:
        visited.append(editor.view.place(editor.caret).gap)
        editor.move_horizontal(-1)
    assert visited == edges[::-1]
