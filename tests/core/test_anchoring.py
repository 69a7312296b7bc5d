"""Re-anchoring annotations, step by step (EXACT, MOVED, FUZZY, ORPHAN)."""

from __future__ import annotations

import random

import pytest

from hamish.core.annotations.anchoring import anchor, anchor_all
from hamish.core.annotations.anchoring_fuzzy import MIN_FUZZY_SCORE, max_errors
from hamish.core.annotations.model import Anchored, AnchorStatus, Annotation
from hamish.core.search.normalised import NormalisedText

TEXT = "مقدمة طويلة عن الموضوع. قال الحكيم: العلم نور والجهل ظلام. ثم مضى في حديثه عن الكتب."
QUOTE = "العلم نور"


def annotate(text: str, quote: str, occurrence: int = 0) -> Annotation:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return Annotation.create(
        article_key="k", text=text, start=start, end=start + len(quote), text_hash="h"
    )


def placed(result: Anchored, text: str) -> str:
    return text[result.start : result.end]


def test_unchanged_text_is_exact() -> None:
    annotation = annotate(TEXT, QUOTE)
    result = anchor(annotation, TEXT)
    assert result == Anchored(annotation, AnchorStatus.EXACT, annotation.start, annotation.end)


def test_same_place_with_other_harakat_or_alef_forms_is_exact() -> None:
    text = "قال أحمد: العلم نور"
    annotation = annotate(text, "أحمد")
    edited = text.replace("أحمد", "احمد")
    result = anchor(annotation, edited)
    assert result.status is AnchorStatus.EXACT
    assert placed(result, edited) == "احمد"


def test_text_inserted_before_moves_the_annotation() -> None:
    annotation = annotate(TEXT, QUOTE)
    edited = "سطر جديد في البداية.\n\n" + TEXT
    result = anchor(annotation, edited)
    assert result.status is AnchorStatus.MOVED
    assert placed(result, edited) == QUOTE
    assert result.start == annotation.start + len("سطر جديد في البداية.\n\n")


def test_harakat_added_to_the_passage_is_moved_and_covers_them() -> None:
    annotation = annotate(TEXT, QUOTE)
    edited = TEXT.replace(QUOTE, "العِلْمُ نُورٌ")
    result = anchor(annotation, edited)
    assert result.status is AnchorStatus.MOVED
    assert placed(result, edited) == "العِلْمُ نُورٌ"


def test_a_harakah_added_after_the_last_letter_is_covered() -> None:
    annotation = annotate(TEXT, QUOTE)
    edited = TEXT.replace(QUOTE, QUOTE + "ٌ")
    result = anchor(annotation, edited)
    assert result.status is AnchorStatus.EXACT
    assert placed(result, edited) == QUOTE + "ٌ"


def test_a_typo_in_the_passage_is_fuzzy_at_the_right_place() -> None:
    annotation = annotate(TEXT, "العلم نور والجهل ظلام")
    edited = TEXT.replace("العلم نور والجهل ظلام", "العلم نوز والجهل ظلام")
    result = anchor(annotation, edited)
    assert result.status is AnchorStatus.FUZZY
    assert placed(result, edited) == "العلم نوز والجهل ظلام"


def test_a_deleted_passage_is_an_orphan_at_its_stored_range() -> None:
    annotation = annotate(TEXT, "العلم نور والجهل ظلام")
    edited = TEXT.replace(" العلم نور والجهل ظلام.", "")
    result = anchor(annotation, edited)
    assert result == Anchored(annotation, AnchorStatus.ORPHAN, annotation.start, annotation.end)


def test_a_rewritten_passage_is_not_claimed_by_a_weak_match() -> None:
    annotation = annotate(TEXT, "العلم نور والجهل ظلام")
    edited = TEXT.replace("العلم نور والجهل ظلام", "المعرفة ضياء والغفلة عتمة")
    assert anchor(annotation, edited).status is AnchorStatus.ORPHAN


FIRST = "في الفصل الأول من الكتاب يقول المؤلف بوضوح: "
SECOND = "وفي خاتمة الرسالة الطويلة يعود الكاتب فيكرر عبارته: "
FILLER = "كلام آخر لا علاقة له بالموضوع. " * 6


def test_prefix_and_suffix_choose_between_identical_quotes_over_nearness() -> None:
    text = f"{FIRST}{QUOTE} أولا. {FILLER}{SECOND}{QUOTE} أخيرا."
    annotation = annotate(text, QUOTE, occurrence=1)  # the one after SECOND
    edited = f"{SECOND}{QUOTE} أخيرا. {FILLER}{FIRST}{QUOTE} أولا."
    result = anchor(annotation, edited)
    assert result.status is AnchorStatus.MOVED
    assert result.start == len(SECOND)  # far from the stored start, but in its context
    near = edited.rindex(QUOTE)
    assert abs(near - annotation.start) < abs(result.start - annotation.start)


def test_an_edit_right_next_to_the_passage_does_not_lose_its_context() -> None:
    text = f"{FIRST}{QUOTE} أولا. {FILLER}{SECOND}{QUOTE} أخيرا."
    annotation = annotate(text, QUOTE, occurrence=0)
    touched = FIRST[:-2] + "؛ "  # the characters just before and just after the quote changed
    edited = f"{SECOND}{QUOTE} أخيرا. {FILLER}{touched}{QUOTE}، أولا. {FILLER}"
    result = anchor(annotation, edited)
    assert result.start == edited.rindex(QUOTE)  # though "عبارته: " ends like "بوضوح: " did


@pytest.mark.parametrize("which", [0, 1])
def test_identical_contexts_are_decided_by_nearness(which: int) -> None:
    passage = f"{FIRST}{QUOTE} {SECOND}"
    text = passage + FILLER + passage
    annotation = annotate(text, QUOTE, occurrence=which)
    edited = "جديد " + text
    result = anchor(annotation, edited)
    assert result.status is AnchorStatus.MOVED
    assert result.start == annotation.start + len("جديد ")


def test_pasted_presentation_forms_still_anchor() -> None:
    annotation = annotate(TEXT, QUOTE)
    in_place = TEXT.replace(QUOTE, "ﺍﻟﻌﻠﻢ ﻧﻮﺭ")
    assert anchor(annotation, in_place).status is AnchorStatus.EXACT
    moved = "ﻻ بد من مقدمة. " + in_place  # a ligature: searched in the folded text
    result = anchor(annotation, moved)
    assert result.status is AnchorStatus.MOVED
    assert placed(result, moved) == "ﺍﻟﻌﻠﻢ ﻧﻮﺭ"


def test_a_typo_far_from_the_old_place_is_found_through_fragments() -> None:
    rng = random.Random(7)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    filler = " ".join(
        "".join(rng.choice(letters) for _ in range(rng.randint(3, 7))) for _ in range(30_000)
    )
    passage = "يقول الحكيم إن العلم نور والجهل ظلام دامس"
    text = f"بداية {passage} نهاية. {filler}"
    annotation = annotate(text, passage)
    typo = passage.replace("دامس", "دامش")
    edited = f"{filler} بداية {typo} نهاية."  # moved ~180k characters and edited
    result = anchor(annotation, edited)
    assert result.status is AnchorStatus.FUZZY
    assert placed(result, edited) == typo


def test_anchor_all_returns_one_result_per_annotation_in_order() -> None:
    good = annotate(TEXT, QUOTE)
    gone = annotate(TEXT, "الكتب")
    strange = [
        Annotation.from_record({"id": key, "article_key": "k", **fields})
        for key, fields in {
            "a": {"start": 5, "end": 2, "quote": "x"},
            "b": {"start": -4, "end": 900, "quote": ""},
            "c": {"start": 0, "end": 3, "quote": "َُ"},
            "d": {"start": 99, "end": 120, "quote": "zz"},
        }.items()
    ]
    annotations = [good, *strange, gone, good]
    edited = TEXT.replace("الكتب", "")
    results = anchor_all(annotations, edited)
    assert [result.annotation for result in results] == annotations
    assert [result.status for result in results] == [
        AnchorStatus.EXACT,
        *[AnchorStatus.ORPHAN] * 4,
        AnchorStatus.ORPHAN,
        AnchorStatus.EXACT,
    ]
    assert [(r.start, r.end) for r in results[1:6]] == [(a.start, a.end) for a in annotations[1:6]]


def test_anchor_all_learns_how_far_the_text_moved() -> None:
    """After a long insertion every annotation is far from its stored place; each is found
    near where the one before it went, not by searching the whole article."""
    text = "قيل العِلْمُ نُورٌ والجهل ظلام " * 4
    annotations = [annotate(text, "العِلْمُ", occurrence) for occurrence in range(4)]
    edited = "مقدمة " * 5000 + text.replace("العِلْمُ", "العلم")
    results = anchor_all(annotations, edited)
    assert [result.status for result in results] == [AnchorStatus.MOVED] * 4
    assert [result.start for result in results] == [
        index for index in range(len(edited)) if edited.startswith("العلم", index)
    ]


def test_anchor_refuses_a_normalised_text_of_another_text() -> None:
    with pytest.raises(ValueError):
        anchor(annotate(TEXT, QUOTE), TEXT, NormalisedText.of(TEXT + "x"))


def test_error_budget_and_threshold() -> None:
    assert [max_errors(length) for length in (3, 4, 40, 2000)] == [0, 1, 10, 256]
    assert 0.5 < MIN_FUZZY_SCORE < 0.8
