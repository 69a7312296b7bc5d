"""``hamish export``: to stdout, to a file, to a directory; every article, even a lost one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hamish.core.export.filenames import safe_file_name
from hamish.core.export.web_annotation_import import parse_json
from tests.cli.conftest import (
    ROOT,
    Hamish,
    annotate,
    assert_one_error_line,
    run_module,
)

EXPORTED_AT = "2026-01-07T10:00:00.000Z"
"""SOURCE_DATE_EPOCH=1767780000, written out by hand."""
TITLE = "بوادر تقارب تاريخي بين سوريا وإسرائيل بوساطة أمريكية"


@pytest.fixture
def annotated(hamish: Hamish, sample: Path) -> Path:
    annotate(hamish, sample, "باريس", "--note", "where they met")
    annotate(hamish, sample, "توماس باراك", "--note", "المبعوث")
    return sample


@pytest.fixture
def second(hamish: Hamish, tmp_path: Path) -> Path:
    article = Path(shutil.copy(ROOT / "articles" / "010_printing-press.md", tmp_path / "press.md"))
    annotate(hamish, article, "printing press", "--tag", "history")
    return article


def test_markdown_to_stdout_in_document_order(hamish: Hamish, annotated: Path) -> None:
    result = hamish("export", annotated)
    assert result.code == 0, result.err
    assert result.out.startswith(f'---\ntitle: "{TITLE}"\n')
    assert "\nhamish_article: " in result.out and "annotations: 2" in result.out
    assert EXPORTED_AT not in result.out  # no export time: unchanged notes, identical bytes
    # توماس باراك comes before باريس in the article, whatever order they were made in
    assert result.out.index("> توماس باراك") < result.out.index("> باريس")
    assert "where they met" in result.out and "المبعوث" in result.out


def test_json_is_a_web_annotation_collection(hamish: Hamish, annotated: Path) -> None:
    result = hamish("export", annotated, "--format", "json")
    document = json.loads(result.out)
    assert document["type"] == "AnnotationCollection" and document["total"] == 2
    assert document["generated"] == EXPORTED_AT
    assert document["hamish:article"]["source"] == annotated.resolve().as_uri()
    quotes = [item.annotation.quote for item in parse_json(result.out).annotations]
    assert quotes == ["توماس باراك", "باريس"]


def test_several_articles_to_stdout_are_one_document(
    hamish: Hamish, annotated: Path, second: Path
) -> None:
    markdown = hamish("export", annotated, second)
    assert markdown.code == 0
    assert markdown.out.count("<!-- hamish article") == 2
    assert "\n* * *\n" in markdown.out
    assert markdown.out.index(f"# {TITLE}") < markdown.out.index("# Movable Type")
    as_json = json.loads(hamish("export", annotated, second, "--format", "json").out)
    assert [collection["total"] for collection in as_json] == [2, 1]


def test_without_paths_or_all_is_a_usage_error(hamish: Hamish) -> None:
    result = hamish("export")
    assert result.code == 2
    assert "--all" in result.err and "Traceback" not in result.err


def test_an_article_hamish_never_saw(hamish: Hamish, sample: Path) -> None:
    result = hamish("export", sample)
    assert result.code == 2
    assert_one_error_line(result.err, str(sample), "unknown article")


def test_bad_article_paths(hamish: Hamish, annotated: Path, tmp_path: Path) -> None:
    for path, reason in ((tmp_path / "missing.md", "no such file"), (tmp_path, "directory")):
        result = hamish("export", annotated, path)
        assert result.code == 2 and result.out == ""
        assert_one_error_line(result.err, str(path), reason)


def test_output_file_is_never_overwritten_without_force(
    hamish: Hamish, annotated: Path, tmp_path: Path
) -> None:
    target = tmp_path / "notes.md"
    target.write_text("my own notes")
    refused = hamish("export", annotated, "-o", target)
    assert refused.code == 2
    assert_one_error_line(refused.err, str(target), "already exists")
    assert target.read_text() == "my own notes"
    forced = hamish("export", annotated, "-o", target, "--force")
    assert forced.code == 0
    assert target.read_text(encoding="utf-8") == hamish("export", annotated).out
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".notes.md")] == []


def test_unwritable_output_names_the_path(hamish: Hamish, annotated: Path) -> None:
    # Under a regular file no directory can exist, whatever the user's privileges.
    target = annotated / "notes.md"
    result = hamish("export", annotated, "-o", target)
    assert result.code == 2
    assert_one_error_line(result.err, str(target))


def test_directory_gets_one_file_per_article(
    hamish: Hamish, annotated: Path, second: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    result = hamish("export", annotated, second, "-o", f"{folder}/", "--format", "json")
    assert result.code == 0, result.err
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        [safe_file_name(TITLE, ".json"), "Movable Type and the Slow Revolution of Reading.json"]
    )
    again = hamish("export", annotated, "-o", folder, "--format", "json")
    assert again.code == 0 and again.out.startswith("unchanged ")  # nothing new: not rewritten
    assert sorted(p.name for p in folder.iterdir()) == names


def test_same_titles_get_distinct_names(hamish: Hamish, annotated: Path, tmp_path: Path) -> None:
    twin = Path(shutil.copy(annotated, tmp_path / "twin.txt"))
    with twin.open("a", encoding="utf-8") as handle:
        handle.write("\n\nA paragraph only the twin has.\n")
    annotate(hamish, twin, "only the twin")
    folder = tmp_path / "out"
    folder.mkdir()
    assert hamish("export", annotated, twin, "-o", folder).code == 0
    assert sorted(p.name for p in folder.iterdir()) == [f"{TITLE} (2).md", f"{TITLE}.md"]


def test_all_exports_a_vanished_article_from_the_store(
    hamish: Hamish, annotated: Path, second: Path
) -> None:
    annotated.unlink()
    result = hamish("export", "--all")
    assert result.code == 0
    assert_one_error_line(result.err, str(annotated.resolve()), "no such file", "orphans")
    assert "## Orphaned highlights" in result.out
    assert "**توماس باراك**" in result.out and "where they met" in result.out
    assert "# Movable Type" in result.out
    collections = json.loads(hamish("export", "--all", "--format", "json").out)
    lost = collections[0]
    assert lost["total"] == 2 and lost["hamish:article"]["title"] == TITLE
    assert lost["hamish:article"]["textHash"] == lost["hamish:article"]["key"]


def test_entry_point(hamish: Hamish, annotated: Path, tmp_path: Path) -> None:
    exported = run_module("export", annotated, "--format", "json", cwd=tmp_path)
    assert exported.returncode == 0
    assert exported.stdout == hamish("export", annotated, "--format", "json").out
    missing = run_module("export", tmp_path / "gone.txt", cwd=tmp_path)
    assert missing.returncode == 2
    assert_one_error_line(missing.stderr, "gone.txt", "no such file")
