"""``python -m hamish.bench export``: what exporting 10,000 annotations costs, per format.

Builds one long generated article (Arabic, Hebrew, Persian and English words in paragraphs) and
annotations over it, about a third with notes, some with tags, a few orphaned, then times
``export_markdown``, ``export_json`` and ``parse_json`` of the JSON, each several times. The goal
is <= 1 s per export at 10,000 annotations. Times are wall clock: compare medians between runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from hamish.core.annotations.model import Anchored, AnchorStatus, Annotation, Color
from hamish.core.article import Article, BlockKind, BlockSpec
from hamish.core.export.markdown import export_markdown
from hamish.core.export.web_annotation import export_json
from hamish.core.export.web_annotation_import import parse_json

GOAL_SECONDS = 1.0
STAMP = "2026-01-01T00:00:00.000Z"
_WORDS = (
    "العلم", "نور", "والجهل", "ظلام", "المطبعة", "القرن", "في", "من", "הספר", "הדפוס",
    "ادبیات", "فارسی", "می\u200cخوانیم", "the", "printing", "press", "changed", "reading",
    "margins", "*notes*", "[1]", "#", "<b>", "&", "1.", "-", "_",
)  # fmt: skip
_TAGS = ("history", "road map", "تاريخ", "type", "سیاست", "todo")


def generated_article(rng: random.Random, paragraphs: int) -> Article:
    specs = [BlockSpec(BlockKind.TITLE, "مقال للاختبار: Benchmark article")]
    for _ in range(paragraphs):
        words = rng.randrange(30, 120)
        specs.append(BlockSpec(BlockKind.PARAGRAPH, " ".join(rng.choices(_WORDS, k=words))))
    return Article.build(specs, title=specs[0].text, source=Path("/bench/article.txt"))


def generated_annotations(rng: random.Random, article: Article, count: int) -> list[Anchored]:
    """Highlights from a phrase to a few sentences; ~35% with notes, ~3% orphaned."""
    text = article.text
    items: list[Anchored] = []
    for _ in range(count):
        start = rng.randrange(0, len(text) - 300)
        end = start + rng.randrange(5, 300)
        note_words = rng.randrange(3, 60) if rng.random() < 0.35 else 0
        lines = [" ".join(rng.choices(_WORDS, k=note_words))]
        if note_words and rng.random() < 0.3:
            lines.append(" ".join(rng.choices(_WORDS, k=10)))
        annotation = Annotation.create(
            article_key=article.key,
            text=text,
            start=start,
            end=end,
            text_hash=article.key,
            color=rng.choice(list(Color)),
            note="\n".join(lines) if note_words else "",
            tags=rng.sample(_TAGS, rng.randrange(0, 3)),
            now=STAMP,
        )
        status = AnchorStatus.ORPHAN if rng.random() < 0.03 else AnchorStatus.EXACT
        items.append(Anchored(annotation, status, start, end))
    return items


def _times(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hamish.bench export", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--count", type=int, default=10_000, help="annotations to export")
    parser.add_argument("--paragraphs", type=int, default=2_000, help="paragraphs in the article")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per format")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    article = generated_article(rng, args.paragraphs)
    items = generated_annotations(rng, article, args.count)
    markdown = export_markdown(article, items)
    document = export_json(article, items, exported_at=STAMP)
    print(
        f"export benchmark: {args.count} annotations on a {len(article.text):,}-character "
        f"article; seconds over {args.repeat} runs"
    )
    print(f"{'':<14}{'median':>8}{'best':>8}{'output':>12}")
    cases = {
        "markdown": (lambda: export_markdown(article, items), markdown),
        "json": (lambda: export_json(article, items, exported_at=STAMP), document),
        "json parse": (lambda: parse_json(document), document),
    }
    medians: dict[str, float] = {}
    for name, (action, output) in cases.items():
        times = _times(action, args.repeat)
        medians[name] = statistics.median(times)
        size = f"{len(output.encode('utf-8')) / 1e6:.1f} MB"
        print(f"{name:<14}{medians[name]:8.3f}{min(times):8.3f}{size:>12}", flush=True)
    if args.count == 10_000:
        for name in ("markdown", "json"):
            verdict = "met" if medians[name] <= GOAL_SECONDS else "MISSED"
            print(f"goal {name} export <= {GOAL_SECONDS:.0f} s at 10k: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
