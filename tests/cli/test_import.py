"""``hamish import``: exports come back whole and only ever add; bad files and recovery files
are refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hamish.commands import common
from hamish.core.changes import DeleteAnnotation, write_recovery
from hamish.core.store import Store
from tests.cli.conftest import ROOT, Hamish, annotate, assert_one_error_line, run_module

ARTICLE = ROOT / "articles" / "000_ba9713e08e0d77df.txt"


def use_fresh_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    monkeypatch.setenv("HAMISH_DATA_DIR", str(folder))
    return folder


def test_round_trip_through_a_fresh_store(
    hamish: Hamish, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    annotate(hamish, ARTICLE, "توماس باراك", "--note", "The US envoy to Syria")
    annotate(hamish, ARTICLE, "باريس", "--note", "مكان الاجتماع", "--color", "blue")
    annotate(hamish, ARTICLE, "اختراق نوعي", "--tag", "diplomacy", "--tag", "سوريا")
    first = hamish("export", ARTICLE, "--format", "json")
    assert first.code == 0 and json.loads(first.out)["total"] == 3

    use_fresh_store(monkeypatch, tmp_path, "elsewhere")
    imported = hamish("import", "-", stdin=first.out.encode("utf-8"))
    assert imported.code == 0, imported.err
    assert imported.out.splitlines()[0] == "imported 3, skipped 0 (already present), unmatched 0"
    again = hamish("export", ARTICLE, "--format", "json")
    assert again.out == first.out


def test_importing_twice_skips_what_is_present(
    hamish: Hamish, sample: Path, tmp_path: Path
) -> None:
    annotate(hamish, sample, "باريس")
    exported = tmp_path / "notes.json"
    assert hamish("export", sample, "--format", "json", "-o", exported).code == 0
    result = hamish("import", exported)
    assert result.out.strip() == "imported 0, skipped 1 (already present), unmatched 0"


def test_annotations_without_their_article_are_listed_as_unmatched(
    hamish: Hamish, sample: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    annotate(hamish, sample, "توماس باراك")
    exported = hamish("export", sample, "--format", "json").out
    sample.unlink()  # the export names the file; on the new machine it is not there
    use_fresh_store(monkeypatch, tmp_path, "elsewhere")
    result = hamish("import", "-", stdin=exported.encode("utf-8"))
    assert result.code == 0
    assert result.out.splitlines() == [
        "imported 0, skipped 0 (already present), unmatched 1",
        "  unmatched: توماس باراك",
    ]


def test_an_array_of_collections_imports_every_article(
    hamish: Hamish, sample: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    press = ROOT / "articles" / "010_printing-press.md"
    annotate(hamish, sample, "باريس")
    annotate(hamish, press, "printing press")
    exported = hamish("export", "--all", "--format", "json").out
    use_fresh_store(monkeypatch, tmp_path, "elsewhere")
    result = hamish("import", "-", stdin=exported.encode("utf-8"))
    assert result.out.splitlines()[0] == "imported 2, skipped 0 (already present), unmatched 0"
    with Store.open() as store:
        assert sorted(r.title for r in store.list_articles()) == sorted(
            [
                "Movable Type and the Slow Revolution of Reading",
                "بوادر تقارب تاريخي بين سوريا وإسرائيل بوساطة أمريكية",
            ]
        )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"type": "AnnotationCollection", ', "not valid JSON"),
        (b'{"type": "Something"}', "expected an Annotation"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
    ],
)
def test_bad_import_files(hamish: Hamish, tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    result = hamish("import", bad)
    assert result.code == 2
    assert_one_error_line(result.err, str(bad), reason)


def test_missing_import_file(hamish: Hamish, tmp_path: Path) -> None:
    result = hamish("import", tmp_path / "nothing.json")
    assert result.code == 2
    assert_one_error_line(result.err, "nothing.json")


def test_a_recovery_file_is_refused_and_changes_nothing(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    kept = annotate(hamish, sample, "باريس")
    handed_over = write_recovery([DeleteAnnotation(kept)], environment.parent)
    before = (environment / "hamish.json").read_bytes()
    result = hamish("import", handed_over)
    assert result.code == 2  # before: the delete was applied
    assert_one_error_line(result.err, "not an export", f"hamish doctor --recover {handed_over}")
    assert (environment / "hamish.json").read_bytes() == before


def exported_items(hamish: Hamish, sample: Path) -> dict[str, Any]:
    annotate(hamish, sample, "باريس", "--note", "first")
    annotate(hamish, sample, "توماس باراك", "--note", "second")
    document: dict[str, Any] = json.loads(hamish("export", sample, "--format", "json").out)
    return document


def test_a_body_that_is_not_a_note_warns(
    hamish: Hamish, sample: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    document = exported_items(hamish, sample)
    document["first"]["items"][0]["body"] = 5
    use_fresh_store(monkeypatch, tmp_path, "elsewhere")
    result = hamish("import", "-", stdin=json.dumps(document).encode())
    assert result.code == 0
    assert result.out.startswith("imported 2, skipped 0")
    assert_one_error_line(result.err, "annotation 1: body 5 is not a note, a tag or a link")


def test_two_items_with_one_new_id_are_both_imported(
    hamish: Hamish, sample: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    document = exported_items(hamish, sample)
    first, second = document["first"]["items"]
    second["id"] = first["id"]
    use_fresh_store(monkeypatch, tmp_path, "elsewhere")
    result = hamish("import", "-", stdin=json.dumps(document).encode())
    lines = result.out.splitlines()
    assert lines[0] == "imported 2, skipped 0 (already present), unmatched 0"  # before: 1, 1
    shared = first["id"].removeprefix("urn:uuid:")
    assert lines[1].startswith(f"  id {shared} was used twice in the file: the second is ")
    with Store.open() as store:
        assert sorted(a.note for a in store.all_annotations()) == ["first", "second"]
    repeated = hamish("import", "-", stdin=json.dumps(document).encode())
    assert repeated.out.startswith("imported 0, skipped 2")  # the id is in the store now


def test_an_oversized_import_is_refused_before_it_is_parsed(
    hamish: Hamish, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "MAX_INPUT_BYTES", 1000)
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"type": "AnnotationPage", "items": ["x" * 2000]}))
    result = hamish("import", big)
    assert result.code == 2
    assert_one_error_line(result.err, str(big), "larger than", "split it")


def test_entry_point(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2")
    result = run_module("import", "-", stdin=bad.read_bytes(), cwd=tmp_path)
    assert result.returncode == 2
    assert_one_error_line(result.stderr, "-: not valid JSON")
