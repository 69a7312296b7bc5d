"""``hamish import``: exports come back whole, bad files are refused, recovery files re-applied."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from hamish.core.annotations.model import ArticleRecord
from hamish.core.changes import (
    DeleteAnnotation,
    PutAnnotation,
    SaveArticle,
    SavePosition,
    write_recovery,
)
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


def test_recovery_file_changes_are_applied_in_order(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    kept = annotate(hamish, sample, "باريس")
    dropped = annotate(hamish, sample, "توماس باراك")
    with Store.open() as store:
        annotation = store.get_annotation(kept)
        record = store.list_articles()[0]
    assert annotation is not None
    added = replace(annotation, id="9b0f5f5e-0000-4000-8000-000000000001", note="typed offline")
    recovery = write_recovery(
        [
            SaveArticle(replace(record, title="Renamed offline")),
            PutAnnotation(added),
            PutAnnotation(annotation.edited(note="edited offline")),
            DeleteAnnotation(dropped),
            SavePosition(record.key, 120),
            SavePosition("no-such-article", 3),
        ],
        environment,
    )
    result = hamish("import", recovery)
    assert result.code == 0, result.err
    assert result.out.startswith("applied 5 of 6 unsaved changes")
    with Store.open() as store:
        notes = {a.id: a.note for a in store.all_annotations()}
        stored: ArticleRecord | None = store.get_article(record.key)
    assert notes == {kept: "edited offline", added.id: "typed offline"}
    assert stored is not None and (stored.title, stored.position) == ("Renamed offline", 120)


def test_entry_point(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2")
    result = run_module("import", "-", stdin=bad.read_bytes(), cwd=tmp_path)
    assert result.returncode == 2
    assert_one_error_line(result.stderr, "-: not valid JSON")
