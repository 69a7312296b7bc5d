"""Independent readings of an editor's state, for the editing tests: cluster boundaries from the
shaper, the screen as a row of cells, and what a caret's gap stands for through the cell map."""

from __future__ import annotations

from hamish.core.editing import Editor, EditorView
from hamish.core.editing.paragraphs import leading_marks
from hamish.core.layout.shaping import get_shaper
from hamish.core.layout.text import display_text


def cluster_stops(text: str) -> set[int]:
    """Where a caret may stand: the shaper's cluster starts and each paragraph's end, never
    before a paragraph's leading direction marks."""
    stops: set[int] = set()
    start = 0
    for paragraph in text.split("\n"):
        shaped = get_shaper(True).shape(display_text(paragraph))
        lead = leading_marks(paragraph)
        stops |= {start + max(cluster, lead) for cluster in shaped.starts}
        start += len(paragraph) + 1
    return stops


def next_cluster_end(text: str, offset: int) -> int:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    paragraph = text[start : len(text) if end < 0 else end]
    shaped = get_shaper(True).shape(display_text(paragraph))
    return start + min(cluster for cluster in shaped.starts if cluster > offset - start)


def offsets_at_gap(view: EditorView, row_index: int, gap: int) -> set[int]:
    """The offsets a gap between two cells stands for, read from the glyphs beside it."""
    row = view.row(row_index)
    layout_gap = gap - row.shift
    found: set[int] = set()
    for glyph in row.line.glyphs:
        if glyph.col + glyph.width == layout_gap:  # the gap is this glyph's right side
            found.add(row.start + (glyph.start if glyph.rtl else glyph.end))
        if glyph.col == layout_gap:  # its left side
            found.add(row.start + (glyph.end if glyph.rtl else glyph.start))
    if not row.line.glyphs:
        found.add(row.start)
    return {view.snap(offset, forward=True) for offset in found}


def screen(editor: Editor) -> list[str]:
    """Every row as cells (caret column included), from the engine's glyphs."""
    view = editor.view
    rows = []
    for index in range(view.row_count):
        row = view.row(index)
        cells = [" "] * view.canvas_width
        for glyph in row.line.glyphs:
            cells[glyph.col + row.shift] = glyph.text
            for extra in range(1, glyph.width):
                cells[glyph.col + row.shift + extra] = ""
        rows.append("".join(cells))
    return rows


def type_text(editor: Editor, text: str) -> None:
    for char in text:
        editor.insert(char)
