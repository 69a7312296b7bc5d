"""``hamish export`` into a notes vault: update in place, flavours, ``--all``, Readwise CSV."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from hamish.core.export.filenames import safe_file_name
from hamish.core.export.readwise import COLUMNS
from hamish.core.export.web_annotation_import import parse_json
from hamish.core.loaders import load_article
from hamish.core.opening import open_article
from hamish.core.store import Store
from tests.cli.conftest import ROOT, Hamish, annotate, assert_one_error_line

TITLE = "بوادر تقارب تاريخي بين سوريا وإسرائيل بوساطة أمريكية"
HEBREW = ROOT / "articles" / "020_hebrew-type-history.txt"


@pytest.fixture
def annotated(hamish: Hamish, sample: Path) -> Path:
    annotate(hamish, sample, "باريس", "--note", "**key** see [[Paris talks]] #diplomacy")
    annotate(hamish, sample, "توماس باراك", "--note", "المبعوث", "--tag", "people")
    return sample


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    folder.mkdir()
    return folder


def export_to(hamish: Hamish, folder: Path, *argv: str | Path) -> list[str]:
    result = hamish("export", *argv, "-o", folder)
    assert result.code == 0, result.err
    return result.out.splitlines()


def test_re_exporting_updates_the_same_file(hamish: Hamish, annotated: Path, vault: Path) -> None:
    target = vault / safe_file_name(TITLE)
    assert export_to(hamish, vault, annotated) == [f"wrote {target}"]
    first = target.read_bytes()
    assert export_to(hamish, vault, annotated) == [f"unchanged {target}"]
    assert target.read_bytes() == first  # deterministic: nothing changed, nothing rewritten
    annotate(hamish, annotated, "اختراق نوعي", "--note", "a third note")
    assert export_to(hamish, vault, annotated) == [f"updated {target}"]
    assert "a third note" in target.read_text(encoding="utf-8")
    assert [p.name for p in vault.iterdir()] == [target.name]


def test_the_file_keeps_its_name_when_the_title_or_the_name_changes(
    hamish: Hamish, annotated: Path, vault: Path
) -> None:
    export_to(hamish, vault, annotated)
    renamed = vault / "Syria and Israel.md"
    (vault / safe_file_name(TITLE)).rename(renamed)
    text = annotated.read_text(encoding="utf-8")
    annotated.write_text("A new title\n" + text.split("\n", 1)[1], encoding="utf-8")
    assert export_to(hamish, vault, annotated) == [f"updated {renamed}"]
    assert renamed.read_text(encoding="utf-8").startswith('---\ntitle: "A new title"\n')
    assert [p.name for p in vault.iterdir()] == [renamed.name]


def test_a_file_hamish_did_not_write_is_replaced_only_with_force(
    hamish: Hamish, annotated: Path, vault: Path
) -> None:
    mine = vault / safe_file_name(TITLE)
    mine.write_text("---\ntitle: my own note\n---\n\nmine\n", encoding="utf-8")
    refused = hamish("export", annotated, "-o", vault)
    assert refused.code == 2 and refused.out == ""
    assert_one_error_line(refused.err, str(mine), "hamish did not write it", "--force")
    assert mine.read_text(encoding="utf-8").endswith("mine\n")
    assert export_to(hamish, vault, annotated, "--force") == [f"wrote {mine}"]
    assert "hamish_article" in mine.read_text(encoding="utf-8")


def test_an_output_file_hamish_wrote_is_updated_without_force(
    hamish: Hamish, annotated: Path, tmp_path: Path
) -> None:
    target = tmp_path / "notes.md"
    assert hamish("export", annotated, "-o", target).out == f"wrote {target}\n"
    annotate(hamish, annotated, "اختراق نوعي")
    assert hamish("export", annotated, "-o", target).out == f"updated {target}\n"
    assert "annotations: 3" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("export_format", ["md", "json"])
def test_a_combined_output_file_is_recognised_too(
    hamish: Hamish, annotated: Path, tmp_path: Path, export_format: str
) -> None:
    press = Path(shutil.copy(ROOT / "articles" / "010_printing-press.md", tmp_path / "p.md"))
    annotate(hamish, press, "printing press")
    target = tmp_path / f"all.{export_format}"
    argv = ("export", annotated, press, "--format", export_format, "-o", target)
    assert hamish(*argv).out == f"wrote {target}\n"
    assert hamish(*argv).out == f"unchanged {target}\n"
    annotate(hamish, press, "Gutenberg")
    assert hamish(*argv).out == f"updated {target}\n"


def test_json_re_export_keeps_its_time_when_nothing_changed(
    hamish: Hamish, annotated: Path, vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [wrote] = export_to(hamish, vault, annotated, "--format", "json")
    target = Path(wrote.removeprefix("wrote "))
    before = target.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert export_to(hamish, vault, annotated, "--format", "json") == [f"unchanged {target}"]
    assert target.read_bytes() == before
    annotate(hamish, annotated, "اختراق نوعي")
    assert export_to(hamish, vault, annotated, "--format", "json") == [f"updated {target}"]
    assert '"generated": "2027-01-15T08:00:00.000Z"' in target.read_text(encoding="utf-8")


def test_all_skips_articles_without_annotations(
    hamish: Hamish, annotated: Path, tmp_path: Path, vault: Path
) -> None:
    unread = Path(shutil.copy(HEBREW, tmp_path / "hebrew.txt"))
    with Store.open() as store:  # opened in the reader once, never annotated
        open_article(store, load_article(unread))
    export_to(hamish, vault, "--all")
    assert [p.name for p in vault.iterdir()] == [safe_file_name(TITLE)]
    export_to(hamish, vault, "--all", "--include-empty")
    hebrew_title = unread.read_text(encoding="utf-8").split("\n", 1)[0]
    assert sorted(p.name for p in vault.iterdir()) == sorted(
        [safe_file_name(TITLE), safe_file_name(hebrew_title)]
    )


def test_all_says_when_nothing_is_annotated(hamish: Hamish, sample: Path) -> None:
    with Store.open() as store:
        open_article(store, load_article(sample))
    result = hamish("export", "--all")
    assert result.code == 0 and result.out == ""
    assert_one_error_line(result.err, "no annotated articles", "--include-empty")


def test_flavours_and_the_configured_default(
    hamish: Hamish, annotated: Path, tmp_path: Path
) -> None:
    obsidian = hamish("export", annotated).out
    assert "<div" not in obsidian and "\n^h-" in obsidian
    assert "**key** see [[Paris talks]] #diplomacy" in obsidian
    github = hamish("export", annotated, "--flavor", "github").out
    assert '<div dir="rtl">' in github and "\n^h-" not in github
    plain = hamish("export", annotated, "--flavor", "plain").out
    assert "<div" not in plain and "^h-" not in plain and "\\*\\*key\\*\\*" in plain
    (tmp_path / "config.toml").write_text('export_flavor = "plain"\n', encoding="utf-8")
    assert hamish("export", annotated).out == plain
    (tmp_path / "config.toml").write_text('export_flavor = "word"\n', encoding="utf-8")
    fallback = hamish("export", annotated)
    assert fallback.out == obsidian
    assert_one_error_line(fallback.err, "config.toml:1", "export_flavor")


def test_usage_errors(hamish: Hamish, annotated: Path) -> None:
    for argv, reason in (
        (("--include-empty", annotated), "--include-empty goes with --all"),
        (("--format", "json", "--flavor", "github", annotated), "--flavor is for Markdown"),
    ):
        result = hamish("export", *argv)
        assert result.code == 2 and reason in result.err and "Traceback" not in result.err


def rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("Highlight,Title,Author,URL,Note,Location,Date\r\n")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_readwise_csv_reads_back_field_by_field(
    hamish: Hamish, annotated: Path, tmp_path: Path
) -> None:
    hebrew = Path(shutil.copy(HEBREW, tmp_path / "hebrew.txt"))
    hebrew_article = load_article(hebrew)
    quote = "אותיות"
    annotate(hamish, hebrew, quote, "--note", 'הערה, עם "מרכאות"\nושורה שנייה', "--tag", "דפוס")
    result = hamish("export", annotated, hebrew, "--format", "readwise")
    assert result.code == 0, result.err
    assert result.out.encode("utf-8").startswith(b"Highlight,")  # UTF-8, no byte order mark
    made = {
        item.annotation.quote: item.annotation.created
        for path in (annotated, hebrew)
        for item in parse_json(hamish("export", path, "--format", "json").out).annotations
    }
    arabic = load_article(annotated).text

    def row(highlight: str, title: str, note: str, text: str) -> dict[str, str]:
        date = made[highlight][:19].replace("T", " ")
        location = str(text.index(highlight) + 1)
        return dict(zip(COLUMNS, [highlight, title, "", "", note, location, date], strict=True))

    assert rows(result.out) == [
        row("توماس باراك", TITLE, ".people المبعوث", arabic),
        row("باريس", TITLE, "**key** see [[Paris talks]] #diplomacy", arabic),
        row(
            quote, hebrew_article.title, '.דפוס הערה, עם "מרכאות"\nושורה שנייה', hebrew_article.text
        ),
    ]


def test_readwise_csv_of_several_articles_has_one_header(
    hamish: Hamish, annotated: Path, vault: Path
) -> None:
    export_to(hamish, vault, annotated, "--format", "readwise")
    [written] = vault.iterdir()
    assert written.suffix == ".csv"
    assert len(rows(written.read_bytes().decode("utf-8"))) == 2
    refused = hamish("export", annotated, "--format", "readwise", "-o", vault)
    assert refused.code == 0 and refused.out == f"unchanged {written}\n"  # same text, no --force
