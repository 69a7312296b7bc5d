"""Anchoring properties over random articles, annotations and edits.

Articles are random words of random letters, so a passage of two or more words occurs once: any
other place an annotation lands would be a wrong place, not a lucky duplicate. Hypothesis draws a
seed rather than a ``Random``: its own randoms shrink towards all-zero choices, which turn every
word into "ااا" and every passage into a duplicate.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from hamish.core.annotations.anchoring import anchor_all
from hamish.core.annotations.model import AnchorStatus, Annotation

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
HARAKAT = "\u064e\u064f\u0650\u0651\u0652\u064b\u064c"
FOUND = {AnchorStatus.EXACT, AnchorStatus.MOVED}
SEEDS = st.integers(0, 2**32).map(random.Random)


def word(rng: random.Random, *, harakat: bool = False) -> str:
    letters = [rng.choice(LETTERS) for _ in range(rng.randint(3, 7))]
    if harakat:
        letters = [
            letter + (rng.choice(HARAKAT) if rng.random() < 0.5 else "") for letter in letters
        ]
    return "".join(letters)


@dataclass
class Passage:
    """An annotated run of words: ``first`` is its index in the word list, kept up to date."""

    first: int
    count: int
    annotation: Annotation | None = None


@dataclass
class Article:
    words: list[str]
    passages: list[Passage]

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def offset(self, index: int) -> int:
        return sum(len(word) + 1 for word in self.words[:index])

    def span(self, passage: Passage) -> tuple[int, int]:
        start = self.offset(passage.first)
        end = self.offset(passage.first + passage.count) - 1
        return start, end

    def annotate(self) -> list[Annotation]:
        text = self.text
        for passage in self.passages:
            start, end = self.span(passage)
            passage.annotation = Annotation.create(
                article_key="k", text=text, start=start, end=end, text_hash="h"
            )
        return [passage.annotation for passage in self.passages if passage.annotation]

    def inside(self, index: int) -> bool:
        """Whether ``index`` falls strictly within a passage (between two of its words)."""
        return any(p.first < index < p.first + p.count for p in self.passages)

    def covered(self, index: int) -> bool:
        return any(p.first <= index < p.first + p.count for p in self.passages)

    def insert(self, index: int, new: list[str]) -> None:
        self.words[index:index] = new
        for passage in self.passages:
            if passage.first >= index:
                passage.first += len(new)

    def delete(self, index: int) -> None:
        del self.words[index]
        for passage in self.passages:
            if passage.first > index:
                passage.first -= 1


def random_article(rng: random.Random, *, passages: int, min_words: int = 2) -> Article:
    words = [word(rng, harakat=rng.random() < 0.2) for _ in range(rng.randint(60, 160))]
    chosen: list[Passage] = []
    for _ in range(passages):
        count = rng.randint(min_words, 6)
        first = rng.randrange(0, len(words) - count)
        if all(first + count < p.first or p.first + p.count < first for p in chosen):
            chosen.append(Passage(first, count))
    return Article(words, chosen)


def edit_elsewhere(article: Article, rng: random.Random, edits: int) -> None:
    """Insert and delete words, never inside or of an annotated passage."""
    for _ in range(edits):
        if rng.random() < 0.5:
            index = rng.randint(0, len(article.words))
            if not article.inside(index):
                article.insert(index, [word(rng) for _ in range(rng.randint(1, 40))])
        else:
            index = rng.randrange(len(article.words))
            if not article.covered(index) and len(article.words) > 10:
                article.delete(index)


@settings(max_examples=100, deadline=None)
@given(SEEDS, st.integers(1, 6), st.integers(1, 25))
def test_edits_elsewhere_keep_every_annotation_on_its_exact_quote(
    rng: random.Random, passages: int, edits: int
) -> None:
    article = random_article(rng, passages=passages, min_words=1)
    annotations = article.annotate()
    edit_elsewhere(article, rng, edits)
    text = article.text
    results = anchor_all(annotations, text)
    assert [result.annotation for result in results] == annotations
    for passage, result in zip(article.passages, results, strict=True):
        assert result.status in FOUND
        assert text[result.start : result.end] == result.annotation.quote
        if text.count(result.annotation.quote) == 1:
            assert (result.start, result.end) == article.span(passage)


@settings(max_examples=60, deadline=None)
@given(SEEDS, st.integers(2, 6), st.integers(0, 10))
def test_a_deleted_passage_is_orphaned_and_the_others_are_kept(
    rng: random.Random, passages: int, edits: int
) -> None:
    article = random_article(rng, passages=passages, min_words=3)
    annotations = article.annotate()
    doomed = rng.choice(article.passages)
    for _ in range(doomed.count):
        del article.words[doomed.first]
    for passage in article.passages:
        if passage.first > doomed.first:
            passage.first -= doomed.count
    article.passages.remove(doomed)
    edit_elsewhere(article, rng, edits)
    text = article.text
    results = anchor_all(annotations, text)
    assert len(results) == len(annotations)
    for annotation, result in zip(annotations, results, strict=True):
        assert result.annotation is annotation
        if annotation is doomed.annotation:
            assert result.status is AnchorStatus.ORPHAN
            assert (result.start, result.end) == (annotation.start, annotation.end)
        else:
            assert result.status in FOUND
            assert text[result.start : result.end] == annotation.quote


def toggle_harakat(words: list[str], rng: random.Random) -> list[str]:
    """The same words with their harakat removed, or added where there were none."""
    changed = []
    for written in words:
        bare = "".join(char for char in written if char not in HARAKAT)
        if bare != written:
            changed.append(bare)
        else:
            changed.append("".join(letter + rng.choice(HARAKAT) for letter in bare))
    return changed


@settings(max_examples=80, deadline=None)
@given(SEEDS, st.integers(0, 10))
def test_harakat_changed_inside_a_quote_still_find_it_at_the_right_range(
    rng: random.Random, edits: int
) -> None:
    article = random_article(rng, passages=1)
    [annotation] = article.annotate()
    [passage] = article.passages
    words = article.words[passage.first : passage.first + passage.count]
    article.words[passage.first : passage.first + passage.count] = toggle_harakat(words, rng)
    edit_elsewhere(article, rng, edits)
    [result] = anchor_all([annotation], article.text)
    assert result.status in FOUND
    assert (result.start, result.end) == article.span(passage)


@settings(max_examples=80, deadline=None)
@given(SEEDS, st.integers(1, 2), st.integers(0, 10))
def test_small_typos_inside_a_passage_are_fuzzy_at_the_right_place(
    rng: random.Random, typos: int, edits: int
) -> None:
    article = random_article(rng, passages=1, min_words=3)
    [annotation] = article.annotate()
    [passage] = article.passages
    quote = annotation.quote
    letters = list(quote)
    interior = [i for i in range(2, len(letters) - 2) if letters[i] in LETTERS]
    for index in rng.sample(interior, typos):
        letters[index] = rng.choice(LETTERS.replace(letters[index], ""))
    article.words[passage.first : passage.first + passage.count] = "".join(letters).split(" ")
    edit_elsewhere(article, rng, edits)
    text = article.text
    [result] = anchor_all([annotation], text)
    assert result.status is AnchorStatus.FUZZY
    assert (result.start, result.end) == article.span(passage)


STRANGE_TEXT = st.text(alphabet=st.sampled_from([*LETTERS[:6], *HARAKAT[:2], " ", "\n", "ﻻ"]))


@settings(max_examples=150, deadline=None)
@given(
    STRANGE_TEXT,
    st.lists(
        st.tuples(st.integers(-20, 60), st.integers(-20, 60), STRANGE_TEXT, STRANGE_TEXT),
        max_size=4,
    ),
)
def test_any_stored_annotation_gets_exactly_one_sane_result(
    text: str, stored: list[tuple[int, int, str, str]]
) -> None:
    """Records from an old or damaged file: out-of-range positions, empty or odd quotes."""
    annotations = [
        Annotation.from_record(
            {
                "id": str(index),
                "article_key": "k",
                "start": start,
                "end": end,
                "quote": quote,
                "prefix": context,
                "suffix": context[::-1],
            }
        )
        for index, (start, end, quote, context) in enumerate(stored)
    ]
    results = anchor_all(annotations, text)
    assert [result.annotation for result in results] == annotations
    for result in results:
        if result.status is AnchorStatus.ORPHAN:
            assert (result.start, result.end) == (result.annotation.start, result.annotation.end)
        else:
            assert 0 <= result.start < result.end <= len(text)
