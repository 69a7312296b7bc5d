"""The editing model: what typing, deleting, moving and flipping do, case by case."""

from __future__ import annotations

import pytest

import hamish.core.editing.view as view_module
from hamish.core.editing import Caret, Editor
from hamish.core.editing.paragraphs import LRM, RLM
from hamish.core.layout.short_text import layout_text, visual_string
from tests.core.editing_helpers import screen, type_text

NOTE = "ملاحظة عن Paris في 2026 (مهمة)"


def test_a_typed_arabic_note_reads_right_to_left_at_every_keystroke() -> None:
    editor = Editor(width=60)
    for length in range(1, len(NOTE) + 1):
        editor.insert(NOTE[length - 1])
        [row] = screen(editor)
        assert row.strip() == visual_string(NOTE[:length]).strip()
        if NOTE[0] != " ":
            assert row.rstrip() == row  # right-aligned: the text touches the right edge
    assert editor.text == NOTE
    assert editor.view.row(0).rtl


def test_the_caret_cell_is_where_the_next_character_appears() -> None:
    """...when it continues the caret's run. A space after "Paris" at the end of an Arabic
    paragraph goes to the far side of "Paris", in every editor: the caret follows it there."""
    editor = Editor(width=60)
    checked = 0
    for index, char in enumerate(NOTE):
        place = editor.view.place(editor.caret)
        level = editor.caret.level
        editor.insert(char)
        row = editor.view.row(0)
        glyph = next(g for g in row.line.glyphs if g.start <= index < g.end)
        if index == 0 or glyph.start != index or glyph.level % 2 != level % 2:
            continue  # no direction before the first letter; a lam-alef joins the lam's cell
        checked += 1
        assert place.col in range(glyph.col + row.shift, glyph.col + row.shift + glyph.width)
    assert checked > len(NOTE) * 2 // 3


def test_rows_wrap_at_the_width_with_a_column_kept_for_the_caret() -> None:
    editor = Editor(NOTE, width=20)
    lines = layout_text(NOTE, 19)
    assert [editor.view.row(i).line.text for i in range(editor.view.row_count)] == [
        line.text for line in lines
    ]
    assert all(len(row) == 20 and row[0] == " " for row in screen(editor))


def test_backspace_takes_a_mark_alone_and_delete_a_whole_cluster() -> None:
    editor = Editor("بَت")
    editor.move_to_document_edge(end=False)
    editor.move_horizontal(-1)  # right to left: one letter on, after بَ
    assert editor.caret.offset == 2
    editor.backspace()
    assert editor.text == "بت"
    editor.set_text("بَت")
    editor.move_to_document_edge(end=False)
    editor.delete()
    assert editor.text == "ت"
    editor.set_text("سلا")
    editor.backspace()  # the lam-alef ligature loses its alef only
    assert editor.text == "سل"


def test_backspace_and_delete_join_paragraphs() -> None:
    editor = Editor("ab\ncd")
    editor.move_to_document_edge(end=False)
    editor.move_to_row_edge(end=True)
    editor.delete()
    assert editor.text == "abcd"
    editor.set_text("ab\ncd")
    editor.move_vertical(1)
    editor.move_to_row_edge(end=False)
    editor.backspace()
    assert editor.text == "abcd" and editor.caret.offset == 2


def test_visual_moves_stop_on_both_sides_of_a_direction_boundary() -> None:
    editor = Editor("abc אבג", width=40)  # left to right: "abc גבא" on screen
    editor.move_to_document_edge(end=False)
    stops = []
    for _ in range(8):
        place = editor.view.place(editor.caret)
        stops.append((place.col, editor.caret.offset, editor.caret.level))
        editor.move_horizontal(1)
    assert [col for col, _, _ in stops] == list(range(8))
    # After the space, at the Hebrew run's left edge, the caret is after the space (Latin
    # run, level 0); one more press crosses ג (level 1), and the Hebrew run's right edge is
    # the offset before א.
    assert stops[4] == (4, 4, 0)
    assert stops[5] == (5, 6, 1)
    assert stops[7] == (7, 4, 1)
    editor.move_horizontal(-1)
    editor.move_horizontal(-1)
    editor.move_horizontal(-1)
    # Leftwards, the same gap at the run's left edge is the END of the Hebrew run.
    assert editor.caret == Caret(7, 1) and editor.view.place(editor.caret).col == 4


def test_typing_at_a_boundary_lands_in_the_run_of_the_caret_level() -> None:
    editor = Editor("abc אבג", width=40)
    editor.click(0, 4)  # on ג: the caret after it, the end of the Hebrew run
    assert editor.caret == Caret(7, 1)
    editor.insert("ד")
    assert editor.text == "abc אבגד" and screen(editor)[0].startswith("abc דגבא")


def test_up_and_down_keep_the_goal_column_across_a_short_row() -> None:
    editor = Editor("abcdefghij\nab\nabcdefghij", width=40)
    editor.move_to_document_edge(end=False)
    for _ in range(7):
        editor.move_horizontal(1)
    editor.move_vertical(1)
    assert editor.caret.offset == 13  # the end of "ab"
    editor.move_vertical(1)
    assert editor.caret.offset == 14 + 7
    editor.move_vertical(1)
    assert editor.caret.offset == len(editor.text)  # past the last row: the end


def test_home_and_end_stay_on_a_wrapped_row() -> None:
    editor = Editor("one two three four five six", width=12)
    editor.move_to_document_edge(end=False)
    editor.move_to_row_edge(end=True)
    place = editor.view.place(editor.caret)
    assert place.row == 0 and editor.text[editor.caret.offset] == " "
    editor.move_vertical(1)
    editor.move_to_row_edge(end=False)
    row = editor.view.row(1)
    assert editor.caret.offset == row.start + row.line.start


def test_flip_direction_adds_a_mark_typing_keeps_it_and_flipping_back_removes_it() -> None:
    text = "Paris في القاهرة"
    editor = Editor(text)
    assert not editor.view.row(0).rtl
    editor.flip_direction()
    assert editor.text == RLM + text and editor.view.row(0).rtl
    editor.move_to_document_edge(end=False)
    assert editor.caret.offset == 1  # never before the mark
    editor.insert("x")
    assert editor.text == RLM + "x" + text
    editor.flip_direction()
    assert editor.text == "x" + text and not editor.view.row(0).rtl
    editor.undo()
    assert editor.text == RLM + "x" + text
    editor.set_text("١٢٣ مرحبا")
    editor.flip_direction()
    assert editor.text == LRM + "١٢٣ مرحبا" and not editor.view.row(0).rtl


def test_undo_takes_back_a_word_at_a_time_and_redo_replays_it() -> None:
    editor = Editor()
    type_text(editor, "hello world")
    editor.undo()
    assert editor.text == "hello"
    editor.undo()
    assert editor.text == ""
    assert not editor.undo()
    editor.redo()
    assert editor.text == "hello" and editor.caret.offset == 5
    for _ in range(3):
        editor.backspace()
    editor.move_horizontal(-1)
    editor.backspace()
    assert editor.text == "e"
    editor.undo()
    assert editor.text == "he"
    editor.undo()
    assert editor.text == "hello"


def test_paste_and_select_all_and_cut() -> None:
    editor = Editor(RLM + "نص")
    editor.select_all()
    assert editor.cut() == RLM + "نص" and editor.text == ""
    hostile = "a\x1b[2J\nb\x07"
    editor.insert(hostile, typed=False)
    assert editor.text == hostile
    drawn = "".join(screen(editor))
    assert "\x1b" not in drawn and "\x07" not in drawn and "␛[2J" in drawn


def test_an_input_line_never_wraps_and_turns_line_breaks_into_spaces() -> None:
    editor = Editor(width=10, single_line=True)
    editor.insert("one\ntwo\r\nthree four five", typed=False)
    assert editor.text == "one two three four five"
    assert editor.view.row_count == 1 and editor.view.canvas_width == len(editor.text) + 1
    editor.set_text("مرحبا")
    [row] = screen(editor)
    assert row == " " * 5 + visual_string("مرحبا")


def test_a_keystroke_lays_out_only_the_paragraph_it_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = Editor("\n".join(["السطر الأول", "second line", "الثالث"]), width=30)
    built: list[str] = []
    original = view_module._Paragraph.__init__

    def counting(self: view_module._Paragraph, text: str, *args: object) -> None:
        built.append(text)
        original(self, text, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(view_module._Paragraph, "__init__", counting)
    editor.move_vertical(-1)
    editor.insert("!")
    assert built == [editor.view.paragraph_texts()[1]]
