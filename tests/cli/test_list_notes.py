"""``hamish list`` and ``hamish notes``: what is known, how far it was read, what was noted,
in logical order for pipes and visual order for terminals."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hamish.core.loaders import load_article
from hamish.core.store import Store
from tests.cli.conftest import (
    Hamish,
    annotate,
    assert_one_error_line,
    no_raw_controls,
    run_module,
)

TITLE = "بوادر تقارب تاريخي بين سوريا وإسرائيل بوساطة أمريكية"


def logical_from_visual(line: str) -> str:
    """Undo the engine's display of a right-to-left line: reverse it, then map the shaped
    presentation forms back to letters (NFKC). Independent of the layout code."""
    return unicodedata.normalize("NFKC", line.strip()[::-1])


def test_list_shows_counts_progress_and_path(hamish: Hamish, sample: Path) -> None:
    annotate(hamish, sample, "باريس")
    annotate(hamish, sample, "توماس باراك")
    length = len(load_article(sample).text)
    with Store.open() as store:
        store.set_position(store.list_articles()[0].key, length // 4)
    result = hamish("list")
    assert result.code == 0
    lines = result.out.splitlines()
    # the article read most recently comes first, before the never-opened bundled samples
    assert lines[:3] == [
        TITLE,
        lines[1],
        f"    {sample.resolve()}",
    ]
    assert lines[1].startswith("    2 annotations · 25% read · last read ")
    assert "never read · bundled" in result.out


def test_list_says_how_far_it_was_read_even_after_going_back_to_the_top(
    hamish: Hamish, sample: Path
) -> None:
    annotate(hamish, sample, "باريس")
    length = len(load_article(sample).text)
    with Store.open() as store:
        key = store.list_articles()[0].key
        store.set_position(key, length - 1)  # read to the end ("G")...
        store.set_position(key, 0)  # ...then "g", and quit: the position is the top
    lines = hamish("list").out.splitlines()
    assert lines[1].startswith("    1 annotation · 99% read, at 0% · last read ")


def test_list_in_visual_order(hamish: Hamish, sample: Path) -> None:
    annotate(hamish, sample, "باريس")
    result = hamish("list", "--visual")
    first = result.out.splitlines()[0]
    assert first != TITLE
    assert logical_from_visual(first) == TITLE


def test_notes_in_document_order_with_orphans_last(hamish: Hamish, sample: Path) -> None:
    annotate(hamish, sample, "باريس", "--note", "the meeting", "--tag", "place")
    annotate(hamish, sample, "توماس باراك", "--color", "pink")
    annotate(hamish, sample, "اختراق نوعي", "--note", "ملاحظة")
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("اختراق نوعي", "تقدم"), encoding="utf-8")
    edited = load_article(sample).text
    envoy = edited.index("توماس باراك") * 100 // len(edited)
    result = hamish("notes", sample)
    assert result.code == 0, result.err
    out = result.out
    assert out.splitlines()[:3] == [TITLE, str(sample.resolve()), "3 annotations, 1 orphaned"]
    assert out.index("توماس باراك") < out.index("باريس") < out.index("Orphaned")
    assert out.index("Orphaned") < out.index("اختراق نوعي")
    assert f"pink · {envoy}%" in out
    assert "yellow · " in out and "tags: place" in out
    assert "    the meeting" in out and "    ملاحظة" in out


def test_notes_on_a_terminal_are_laid_out_right_to_left(hamish: Hamish, sample: Path) -> None:
    note = "هذه ملاحظة طويلة " * 12
    annotate(hamish, sample, "باريس", "--note", note.strip())
    lines = hamish("notes", sample, "--visual").out.splitlines()
    note_lines = lines[lines.index("  note:") + 1 :]
    assert len(note_lines) > 1  # wrapped at COLUMNS=100
    assert all(len(line) <= 100 for line in note_lines)
    assert all(line.endswith(line.strip()) and len(line) == 100 for line in note_lines[:-1])
    words = " ".join(logical_from_visual(line) for line in note_lines).split()
    assert words == note.split()


def test_control_characters_never_reach_the_terminal(hamish: Hamish, sample: Path) -> None:
    annotate(hamish, sample, "باريس", "--note", "red \x1b[31m alert \x07 bell", "--tag", "\x1b]0;x")
    for mode in ("--logical", "--visual"):
        result = hamish("notes", sample, mode)
        assert "\x1b" not in result.out and "\x07" not in result.out
        assert no_raw_controls(result.out.split("\n"))
        assert "red ␛[31m alert ␇ bell" in result.out  # shown as symbols, in both orders


def test_notes_for_an_unknown_article(hamish: Hamish, sample: Path) -> None:
    result = hamish("notes", sample)
    assert result.code == 2
    assert_one_error_line(result.err, str(sample), "unknown article")


def test_notes_for_bad_paths(hamish: Hamish, tmp_path: Path) -> None:
    binary = tmp_path / "data.bin"
    binary.write_bytes(bytes(range(256)))
    for path, reason in ((binary, "binary"), (tmp_path / "none.txt", "no such file")):
        result = hamish("notes", path)
        assert result.code == 2
        assert_one_error_line(result.err, str(path), reason)


def test_entry_point(hamish: Hamish, sample: Path, tmp_path: Path) -> None:
    annotate(hamish, sample, "باريس", "--note", "N")
    listed = run_module("list", cwd=tmp_path)
    assert listed.returncode == 0 and listed.stdout.splitlines()[0] == TITLE  # a pipe: logical
    unknown = run_module("notes", tmp_path / "absent.md", cwd=tmp_path)
    assert unknown.returncode == 2
    assert_one_error_line(unknown.stderr, "absent.md", "no such file")
