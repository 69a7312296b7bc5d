"""``hamish annotate``: the passage found, the annotation stored durably, every refusal one line."""

from __future__ import annotations

import shutil
from pathlib import Path

from hamish.core.annotations.model import Color
from hamish.core.loaders import load_article
from hamish.core.store import Store
from tests.cli.conftest import VOCALISED, Hamish, annotate, assert_one_error_line, run_module

CAPTION = "الرئيس السوري أحمد الشرع"
"""Opens the photo caption, which the sample prints twice."""


def stored() -> Store:
    return Store.open()


def test_annotation_is_stored_with_its_quote_note_colour_and_tags(
    hamish: Hamish, sample: Path
) -> None:
    new_id = annotate(
        hamish, sample, "توماس باراك", "--note", "Barrack", "--color", "green",
        "--tag", "people", "--tag", "سياسة",
    )  # fmt: skip
    text = load_article(sample).text
    with stored() as store:  # a new Store reads the file: durable once the command returned
        annotation = store.get_annotation(new_id)
        articles = store.list_articles()
    assert annotation is not None
    assert text[annotation.start : annotation.end] == "توماس باراك" == annotation.quote
    assert annotation.start == text.index("توماس باراك")
    assert text.endswith(annotation.suffix, 0, annotation.end + len(annotation.suffix))
    assert (annotation.note, annotation.color, annotation.tags) == (
        "Barrack", Color.GREEN, ("people", "سياسة"),
    )  # fmt: skip
    assert [record.key for record in articles] == [annotation.article_key]


def test_occurrence_chooses_which_repetition(hamish: Hamish, sample: Path) -> None:
    text = load_article(sample).text
    first = text.index(CAPTION)
    second = text.index(CAPTION, first + 1)
    new_id = annotate(hamish, sample, CAPTION, "--occurrence", "2")
    with stored() as store:
        annotation = store.get_annotation(new_id)
    assert annotation is not None and annotation.start == second


def test_a_quote_typed_without_harakat_matches_the_vocalised_text(
    hamish: Hamish, tmp_path: Path
) -> None:
    article = Path(shutil.copy(VOCALISED, tmp_path / "proverbs.txt"))
    new_id = annotate(hamish, article, "الصبر مفتاح الفرج")
    with stored() as store:
        annotation = store.get_annotation(new_id)
    assert annotation is not None
    assert annotation.quote == "الصَّبْرُ مِفْتَاحُ الْفَرَجِ"


def test_a_moved_file_keeps_its_identity(hamish: Hamish, sample: Path) -> None:
    annotate(hamish, sample, "توماس باراك")
    moved = sample.rename(sample.with_name("renamed.txt"))
    annotate(hamish, moved, "باريس")
    with stored() as store:
        articles = store.list_articles()
        counts = store.annotation_counts()
    assert len(articles) == 1
    assert articles[0].path == str(moved.resolve())
    assert counts == {articles[0].key: 2}


def test_quote_not_found(hamish: Hamish, sample: Path) -> None:
    result = hamish("annotate", sample, "--quote", "not in this article")
    assert result.code == 2
    assert_one_error_line(result.err, f"{sample}: quote not found: not in this article")


def test_occurrence_beyond_the_count_says_how_many(hamish: Hamish, sample: Path) -> None:
    result = hamish("annotate", sample, "--quote", CAPTION, "--occurrence", "3")
    assert result.code == 2
    assert_one_error_line(result.err, str(sample), "2 times")


def test_unknown_colour_is_a_usage_error_listing_the_colours(hamish: Hamish, sample: Path) -> None:
    result = hamish("annotate", sample, "--quote", "باريس", "--color", "red")
    assert result.code == 2
    assert all(color.value in result.err for color in Color)
    assert "Traceback" not in result.err


def test_missing_binary_and_directory_paths(hamish: Hamish, tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    cases = {tmp_path / "absent.txt": "no such file", binary: "binary", tmp_path: "directory"}
    for path, reason in cases.items():
        result = hamish("annotate", path, "--quote", "x")
        assert result.code == 2
        assert_one_error_line(result.err, str(path), reason)
    assert not (tmp_path / "data" / "hamish.json").exists()  # nothing was registered


def test_corrupt_store_is_reported_not_overwritten(hamish: Hamish, sample: Path) -> None:
    database = Path.cwd() / "data" / "hamish.json"
    database.parent.mkdir(parents=True)
    database.write_text("{not json")
    result = hamish("annotate", sample, "--quote", "باريس")
    assert result.code == 2
    assert_one_error_line(result.err, str(database), "not valid JSON")
    assert database.read_text() == "{not json"


def test_entry_point(sample: Path, tmp_path: Path) -> None:
    found = run_module("annotate", sample, "--quote", "باريس", cwd=tmp_path)
    assert found.returncode == 0 and len(found.stdout.strip()) == 36, found.stderr
    missing = run_module("annotate", sample, "--quote", "nowhere", cwd=tmp_path)
    assert missing.returncode == 2
    assert_one_error_line(missing.stderr, "quote not found")
