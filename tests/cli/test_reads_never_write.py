"""Commands that only read (``list``, ``notes``, ``search``, ``export``, ``doctor``) leave every
file of the store as it was: its bytes and its mtime, the lock file included, and create nothing,
whether the article is known, edited since (its annotations moved), or never seen before, and
whether the store is current or still in an old version's single file (issue 12, item 4)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hamish.core.store.layout import annotations_dir
from tests.cli.conftest import Hamish, annotate

LONG_AGO = 1_000_000_000
"""Every file and folder of the store is dated 2001-09-09 first: any write would date it now."""


def state(data: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file and folder under ``data``: its bytes (None for a folder) and its mtime."""
    return {
        str(path.relative_to(data)): (
            None if path.is_dir() else path.read_bytes(),
            path.stat().st_mtime_ns,
        )
        for path in [data, *data.rglob("*")]
    }


def date_everything_long_ago(data: Path) -> None:
    for path in [data, *data.rglob("*")]:
        os.utime(path, (LONG_AGO, LONG_AGO))


@pytest.fixture
def annotated(hamish: Hamish, sample: Path, tmp_path: Path) -> Path:
    """A store holding notes on ``sample``, which has since been edited (so its annotations
    have moved: opening it in the app would save them at their new place)."""
    annotate(hamish, sample, "باريس", "--note", "the meeting")
    annotate(hamish, sample, "توماس باراك")
    sample.write_text("سطر جديد في البداية.\n\n" + sample.read_text(encoding="utf-8"))
    return sample


@pytest.fixture
def unknown(tmp_path: Path) -> Path:
    path = tmp_path / "articles" / "never-seen.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text("Never seen\n\nA text hamish has never opened, about the meeting.\n")
    return path


READS = [
    ["list"],
    ["notes", "{article}"],
    ["notes", "{unknown}"],
    ["search", "باريس"],
    ["search", "--notes", "meeting"],
    ["search", "--articles", "meeting"],
    ["search", "meeting", "{unknown}"],
    ["search", "--notes", "meeting", "{article}", "{unknown}"],
    ["export", "{article}"],
    ["export", "{unknown}"],
    ["export", "--all", "--include-empty"],
    ["export", "{article}", "--format", "json"],
    ["doctor"],
]


def run_read(hamish: Hamish, argv: list[str], article: Path, unknown: Path) -> int:
    result = hamish(*[arg.format(article=article, unknown=unknown) for arg in argv])
    return result.code


@pytest.mark.parametrize("argv", READS, ids=" ".join)
def test_a_read_leaves_the_store_as_it_was(
    hamish: Hamish, environment: Path, annotated: Path, unknown: Path, argv: list[str]
) -> None:
    date_everything_long_ago(environment)
    before = state(environment)
    code = run_read(hamish, argv, annotated, unknown)
    assert code in (0, 1, 2)  # found, found nothing, or an unknown article: each said so
    assert state(environment) == before


def test_the_reads_still_show_the_moved_annotations(
    hamish: Hamish, annotated: Path, environment: Path
) -> None:
    result = hamish("notes", annotated)
    assert result.code == 0 and "the meeting" in result.out and "2 annotations" in result.out
    exported = json.loads(hamish("export", annotated, "--format", "json").out)
    assert len(exported["first"]["items"]) == 2


def test_reads_of_an_old_single_file_store_neither_migrate_it_nor_lock_it(
    hamish: Hamish, environment: Path, annotated: Path, unknown: Path
) -> None:
    """A store from before a file per article, copied into place without its lock file: what
    a user upgrading hamish has until the first command that writes."""
    database = environment / "hamish.json"
    old = version_one(environment)
    for leftover in environment.iterdir():
        if leftover.name != "articles":
            remove(leftover)
    database.write_text(json.dumps(old), encoding="utf-8")
    date_everything_long_ago(environment)
    before = state(environment)
    for argv in READS:
        run_read(hamish, argv, annotated, unknown)
    assert state(environment) == before
    notes = hamish("notes", annotated)
    assert "the meeting" in notes.out and "2 annotations" in notes.out
    assert "2 annotations" in hamish("list").out
    assert not annotations_dir(database).exists()


def test_reads_on_a_fresh_machine_create_nothing(
    hamish: Hamish, environment: Path, unknown: Path
) -> None:
    for argv in (["list"], ["search", "meeting"], ["export", "--all"], ["doctor"]):
        hamish(*argv)
    assert hamish("notes", unknown).code == 2
    assert not environment.exists()


def version_one(data: Path) -> dict[str, dict[str, object]]:
    """The store in ``data`` as hamish kept it before version 2: one file, no version stamp."""
    index = json.loads((data / "hamish.json").read_bytes())
    annotations: dict[str, object] = {}
    for path in sorted(annotations_dir(data / "hamish.json").glob("*.json")):
        for document in json.loads(path.read_bytes())["annotations"].values():
            annotations[str(len(annotations) + 1)] = document
    return {"articles": index["articles"], "annotations": annotations}


def remove(path: Path) -> None:
    if path.is_dir():
        for inner in path.iterdir():
            remove(inner)
        path.rmdir()
    else:
        path.unlink()
