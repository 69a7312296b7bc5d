"""The Store against a plain dict model, over random sequences of operations, including
reopening and a second instance writing behind its back (Hypothesis state machine)."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule

from hamish.core.annotations.model import Annotation
from hamish.core.store import Store
from tests.core.store_helpers.factory import annotation, article, stored_documents

ARTICLE_KEYS = st.sampled_from(["alpha", "beta", "gamma"])


def document_order(annotations: list[Annotation]) -> list[Annotation]:
    return sorted(annotations, key=lambda a: (a.start, a.created, a.id))


class StoreMachine(RuleBasedStateMachine):
    ids = Bundle("ids")

    def __init__(self) -> None:
        super().__init__()
        self.directory = Path(tempfile.mkdtemp(prefix="hamish-model-"))
        self.path = self.directory / "hamish.json"
        self.store = Store.open(self.path)
        self.model: dict[str, Annotation] = {}
        self.positions: dict[str, int] = {}

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    @rule(target=ids, key=ARTICLE_KEYS, start=st.integers(0, 300), length=st.integers(1, 40))
    def add(self, key: str, start: int, length: int) -> str:
        item = annotation(article_key=key, start=start, length=length)
        self.store.add(item)
        self.model[item.id] = item
        return item.id

    @rule(annotation_id=ids, note=st.text(max_size=10))
    def update(self, annotation_id: str, note: str) -> None:
        if annotation_id in self.model:
            edited = self.model[annotation_id].edited(note=note)
            self.store.update(edited)
            self.model[annotation_id] = edited

    @rule(annotation_id=ids, key=ARTICLE_KEYS)
    def move(self, annotation_id: str, key: str) -> None:
        if annotation_id in self.model:
            moved = dataclasses.replace(self.model[annotation_id], article_key=key)
            self.store.update(moved)
            self.model[annotation_id] = moved

    @rule(annotation_id=consumes(ids))
    def delete(self, annotation_id: str) -> None:
        if annotation_id in self.model:
            assert self.store.delete(annotation_id) == self.model.pop(annotation_id)

    @rule(key=ARTICLE_KEYS, starts=st.lists(st.integers(0, 300), max_size=5), existing=ids)
    def add_many(self, key: str, starts: list[int], existing: str) -> None:
        batch = [annotation(article_key=key, start=s) for s in starts]
        known = [self.model[existing]] if existing in self.model else []
        assert self.store.add_many([*batch, *known]) == len(batch)
        self.model.update((a.id, a) for a in batch)

    @rule(key=ARTICLE_KEYS, position=st.integers(0, 10_000))
    def remember_position(self, key: str, position: int) -> None:
        if self.store.get_article(key) is None:
            self.store.save_article(article(key))
        self.store.set_position(key, position)
        self.positions[key] = position

    @rule()
    def reopen(self) -> None:
        self.store.close()
        self.store = Store.open(self.path)

    @rule(key=ARTICLE_KEYS, start=st.integers(0, 300))
    def another_process_adds(self, key: str, start: int) -> None:
        with Store.open(self.path) as other:
            item = annotation(article_key=key, start=start)
            other.add(item)
        self.model[item.id] = item
        assert self.store.reload_if_changed() is True

    @rule(annotation_id=ids, key=ARTICLE_KEYS)
    def another_process_moves(self, annotation_id: str, key: str) -> None:
        if annotation_id in self.model:
            moved = dataclasses.replace(self.model[annotation_id], article_key=key)
            with Store.open(self.path) as other:
                other.update(moved)
            self.model[annotation_id] = moved
            self.store.reload_if_changed()

    @invariant()
    def queries_match_the_model(self) -> None:
        expected = list(self.model.values())
        for key in ("alpha", "beta", "gamma"):
            in_article = [a for a in expected if a.article_key == key]
            assert self.store.annotations_for(key) == document_order(in_article)
        counts = {
            key: sum(a.article_key == key for a in expected) for key in ("alpha", "beta", "gamma")
        }
        assert self.store.annotation_counts() == {k: n for k, n in counts.items() if n}
        assert sorted(a.id for a in self.store.all_annotations()) == sorted(self.model)
        for key, position in self.positions.items():
            record = self.store.get_article(key)
            assert record is not None and record.position == position

    @invariant()
    def the_file_holds_the_same(self) -> None:
        if self.path.exists():
            stored = {doc["id"]: Annotation.from_record(doc) for doc in stored_documents(self.path)}
            assert stored == self.model


StoreMachine.TestCase.settings = settings(max_examples=20, stateful_step_count=12, deadline=None)
TestStoreAgainstModel = StoreMachine.TestCase
