"""How hamish recognises the exports it wrote, and where the next export of an article goes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hamish.core.export.targets import (
    ForeignFileError,
    Mark,
    PendingExport,
    Target,
    hamish_mark,
    plan_directory,
    plan_file,
)

KEY = "2a4018d62b310dc79896d623aae02554"


def written(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        (f'---\ntitle: "T"\nhamish_article: "{KEY}"\nannotations: 1\n---\n\n# T\n', Mark(KEY)),
        # Obsidian rewrites properties it edits: plain scalars, block lists, CRLF line ends.
        (f"---\r\ntitle: T\r\ntags:\r\n  - a\r\nhamish_article: {KEY}\r\n---\r\n", Mark(KEY)),
        # An export from before hamish_article.
        (f'---\narticle_key: "{KEY}"\nexported_at: "2026-01-01T00:00:00.000Z"\n---\n', Mark(KEY)),
        ("<!-- hamish article\ntitle: \"a\"\n-->\n\n# a\n", Mark(None)),
        (f'{{\n  "@context": "http://www.w3.org/ns/anno.jsonld",\n  "id": '
         f'"urn:hamish:annotations:{KEY}",\n  "type": "AnnotationCollection"\n}}\n', Mark(KEY)),
        ('{\n  "@context": "x",\n  "id": "urn:hamish:annotations:%D9%86",\n}\n', Mark("ن")),
        ("---\ntitle: my own note\narticle_key: mine\n---\n", None),  # no exported_at with it
        ('---\nhamish_article: "unterminated\n---\n', None),
        ("# just notes\n", None),
        ("", None),
    ],
)  # fmt: skip
def test_marks(tmp_path: Path, text: str, mark: Mark | None) -> None:
    assert hamish_mark(written(tmp_path, "f.md", text)) == mark


def test_a_fifo_or_a_directory_is_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")  # opening it for reading would wait for a writer forever
    (tmp_path / "folder.md").mkdir()
    assert hamish_mark(tmp_path / "pipe.md") is None
    assert hamish_mark(tmp_path / "folder.md") is None
    [target] = plan_directory(tmp_path, [PendingExport(KEY, "pipe", "x")], ".md", foreign="rename")
    assert target == Target(tmp_path / "pipe (2).md", "create")


def test_the_article_s_own_file_wins_over_the_title(tmp_path: Path) -> None:
    mine = f'---\nhamish_article: "{KEY}"\n---\n'
    written(tmp_path, "Old title.md", mine)
    written(tmp_path, "Old title (2).md", mine)  # two copies: the title's name is preferred
    written(tmp_path, "New title.md", "the user's")
    exports = [PendingExport(KEY, "Old title (2)", "new"), PendingExport("other", "New title", "")]
    with pytest.raises(ForeignFileError, match=r"New title\.md"):
        plan_directory(tmp_path, exports, ".md", foreign="refuse")
    assert plan_directory(tmp_path, exports, ".md", foreign="rename") == [
        Target(tmp_path / "Old title (2).md", "update"),
        Target(tmp_path / "New title (2).md", "create"),
    ]
    assert plan_directory(tmp_path, exports, ".md", foreign="replace")[1] == Target(
        tmp_path / "New title.md", "replace"
    )


def test_another_article_s_export_is_never_replaced(tmp_path: Path) -> None:
    written(tmp_path, "Notes.md", '---\nhamish_article: "another"\n---\n')
    [target] = plan_directory(tmp_path, [PendingExport(KEY, "Notes", "")], ".md", foreign="replace")
    assert target == Target(tmp_path / "Notes (2).md", "create")


def test_same_text_is_unchanged_and_a_json_time_is_no_change(tmp_path: Path) -> None:
    old = (
        f'{{\n  "id": "urn:hamish:annotations:{KEY}",\n  "generated": "2026-01-01T00:00:00Z"\n}}\n'
    )
    path = written(tmp_path, "a.json", old)
    new = old.replace("2026-01-01", "2027-02-02")
    assert plan_file(path, new, force=False) == Target(path, "unchanged")
    assert plan_file(path, new.replace("}", ', "total": 2}'), force=False).action == "update"
    csv = written(tmp_path, "a.csv", "Highlight\r\nx\r\n")
    assert plan_file(csv, "Highlight\r\nx\r\n", force=False) == Target(csv, "unchanged")
    with pytest.raises(ForeignFileError):
        plan_file(csv, "Highlight\r\ny\r\n", force=False)
    assert plan_file(csv, "Highlight\r\ny\r\n", force=True) == Target(csv, "replace")
    assert plan_file(tmp_path / "new.md", "", force=False) == Target(tmp_path / "new.md", "create")
