"""``hamish search``: grep-like lines and exit status, with the reader's Arabic-aware matching."""

from __future__ import annotations

import shutil
from pathlib import Path

from hamish.core.loaders import load_article
from tests.cli.conftest import VOCALISED, Hamish, annotate, assert_one_error_line, run_module

TITLE = "بوادر تقارب تاريخي بين سوريا وإسرائيل بوساطة أمريكية"


def test_searching_a_path_finds_every_occurrence(hamish: Hamish, sample: Path) -> None:
    text = load_article(sample).text
    expected = [position * 100 // len(text) for position in _positions(text, "باريس")]
    result = hamish("search", "باريس", sample)
    assert result.code == 0
    lines = result.out.splitlines()
    assert [line.split(":")[1] for line in lines] == [f"{p}%" for p in expected]
    assert all(line.startswith(f"{TITLE}:") and "باريس" in line for line in lines)


def test_harakat_do_not_matter(hamish: Hamish, tmp_path: Path) -> None:
    article = Path(shutil.copy(VOCALISED, tmp_path / "proverbs.txt"))
    result = hamish("search", "الصبر مفتاح الفرج", article)
    assert result.code == 0
    assert "الصَّبْرُ مِفْتَاحُ الْفَرَجِ" in result.out


def test_nothing_found_is_exit_status_1(hamish: Hamish, sample: Path) -> None:
    result = hamish("search", "zebra crossing", sample)
    assert (result.code, result.out, result.err) == (1, "", "")


def test_unreadable_path_is_exit_status_2_after_searching_the_rest(
    hamish: Hamish, sample: Path, tmp_path: Path
) -> None:
    result = hamish("search", "باريس", tmp_path / "missing.txt", sample)
    assert result.code == 2
    assert "باريس" in result.out
    assert_one_error_line(result.err, "missing.txt", "no such file")


def test_without_paths_known_articles_and_annotations_are_searched(
    hamish: Hamish, sample: Path
) -> None:
    annotate(hamish, sample, "توماس باراك", "--note", "the envoy from Washington")
    both = hamish("search", "Washington")
    assert both.code == 0
    assert both.out.splitlines() == [
        f"{TITLE}:{_percent(sample, 'توماس باراك')}: note: the envoy from Washington"
    ]
    in_text = hamish("search", "واشنطن", "--articles")
    assert in_text.code == 0 and "note:" not in in_text.out
    notes_only = hamish("search", "واشنطن", "--notes")
    assert notes_only.code == 1


def test_tags_are_searched(hamish: Hamish, sample: Path) -> None:
    annotate(hamish, sample, "باريس", "--tag", "إسرائيل")
    result = hamish("search", "اسرائيل", "--notes")  # alef typed without its hamza
    assert result.code == 0 and result.out.endswith(": tag: إسرائيل\n")


def test_visual_lines_keep_the_fields_in_place(hamish: Hamish, sample: Path) -> None:
    result = hamish("search", "باريس", sample, "--visual")
    first = result.out.splitlines()[0]
    label, percent, _ = first.split(":", 2)
    assert percent.endswith("%") and label != TITLE and "باريس" not in first  # shaped


def test_entry_point(sample: Path, tmp_path: Path) -> None:
    found = run_module("search", "باريس", sample, cwd=tmp_path)
    assert found.returncode == 0 and "باريس" in found.stdout
    nothing = run_module("search", "zebra", sample, cwd=tmp_path)
    assert (nothing.returncode, nothing.stdout, nothing.stderr) == (1, "", "")
    broken = run_module("search", "x", tmp_path, cwd=tmp_path)
    assert broken.returncode == 2
    assert_one_error_line(broken.stderr, "is a directory")


def _positions(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + len(word))
    return found


def _percent(path: Path, quote: str) -> str:
    text = load_article(path).text
    return f"{text.index(quote) * 100 // len(text)}%"


def test_on_a_terminal_each_line_fits_the_width(hamish: Hamish, sample: Path) -> None:
    wide = hamish("search", "سوريا", sample, "--visual").out.splitlines()
    assert wide and all(len(line) <= 100 for line in wide)  # COLUMNS=100
    piped = hamish("search", "سوريا", sample).out.splitlines()
    assert len(piped) == len(wide)
    assert all(line.startswith(f"{TITLE}:") for line in piped)  # full title into a pipe


def test_teh_marbuta_folds_only_when_asked(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from hamish.cli import main

    monkeypatch.setenv("HAMISH_DATA_DIR", str(tmp_path / "data"))
    article = tmp_path / "a.txt"
    article.write_text("عنوان\n\nزرت المكتبه القديمة أمس.\n", encoding="utf-8")
    assert main(["search", "المكتبة", str(article), "--plain"]) == 1
    capsys.readouterr()
    assert main(["search", "المكتبة", str(article), "--plain", "--teh-marbuta"]) == 0
    assert "المكتبه" in capsys.readouterr().out


def test_with_no_path_every_article_in_the_library_is_searched(hamish: Hamish) -> None:
    """A fresh data directory: nothing was ever opened, yet the bundled sample is in the
    library (as the app's palette sees it), so it is searched."""
    result = hamish("search", "باراك", "--articles")
    assert result.code == 0, result.err
    assert any(line.startswith(f"{TITLE}:") and "باراك" in line for line in result.out.splitlines())
