"""The search benchmark runs end to end on a small article (its figures are not checked)."""

from __future__ import annotations

import random

import pytest

from hamish.bench.search import QUERIES, generate_article, main
from hamish.core.search.find import find_all


def test_bench_runs_and_reports_every_part(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--size-mb", "0.05", "--annotations", "40", "--repeat", "1"]) == 0
    output = capsys.readouterr().out
    for query in QUERIES:
        assert query in output
    assert "goal first search <= 200 ms" in output
    assert "annotations: fold 40" in output
    assert "anchor_all 40 after an edit at the top" in output
    assert "40 moved" in output  # every annotation follows the edit at the top


def test_generated_article_has_the_planted_and_absent_queries() -> None:
    text = generate_article(random.Random(1), 0.2)
    assert find_all(text, "العلم نور")
    assert not find_all(text, "لا يوجد هذا النص")
    assert 190_000 < len(text.encode()) < 220_000
