"""File names that are not UTF-8, and a store someone left a lone surrogate in.

The first must be stored losslessly and found again by path; the second must keep working
(nothing in it lost) and be pointed out by ``doctor``, never called healthy.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hamish.core.store import Store
from hamish.core.store.doctor import diagnose
from tests.core.store_helpers.factory import annotation, article

CAFE = os.fsdecode(b"/articles/caf\xe9.txt")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "hamish.json"


def test_an_article_at_a_name_that_is_not_utf8_is_saved_and_found_by_path(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.save_article(article("k", path=CAFE))
    content = db_path.read_bytes().decode("utf-8")  # the whole file stays UTF-8
    assert "file:///articles/caf%E9.txt" in content
    with Store.open(db_path) as store:
        found = store.find_article("an edited text", CAFE)
        assert found is not None and found.key == "k" and found.path == CAFE


def _store_with_lone_surrogate(db_path: Path) -> str:
    with Store.open(db_path) as store:
        note = annotation(note="kept")
        store.add(note)
    database = json.loads(db_path.read_bytes())
    [document] = database["annotations"].values()
    document["note"] = "bad \ud800 note"
    db_path.write_text(json.dumps(database), encoding="ascii")  # as another program wrote it
    return note.id


def test_a_store_holding_a_lone_surrogate_keeps_it_and_keeps_saving(db_path: Path) -> None:
    first = _store_with_lone_surrogate(db_path)
    with Store.open(db_path) as store:
        store.add(annotation(start=20, note="new"))  # every document is encoded again
        assert store.get_annotation(first).note == "bad \ud800 note"  # type: ignore[union-attr]
    db_path.read_bytes().decode("utf-8")
    with Store.open(db_path) as store:
        assert store.get_annotation(first).note == "bad \ud800 note"  # type: ignore[union-attr]
        assert len(store.all_annotations()) == 2


def test_doctor_points_out_a_lone_surrogate(db_path: Path) -> None:
    _store_with_lone_surrogate(db_path)
    report = diagnose(db_path)
    assert report.database.invalid_text == 1 and report.database.annotations == 1
    assert "healthy" not in report.summary
    assert "1 record holds text that is not valid Unicode" in report.summary
