"""``python -m hamish.bench store``: what the annotation store costs at 1k, 10k and 100k notes.

For each size it builds a store of that many annotations over 1,000 articles (with one
``add_many``, the import path), then measures on a real file system, fsync included:

* add: the median (and 90th percentile) time of ``Store.add`` of one new annotation, the
  operation a user waits for after pressing Enter;
* first add: the first ``add`` after opening (it also sweeps leftover temporary files);
* open: ``Store.open`` plus ``annotations_for`` of one article in a fresh interpreter, i.e.
  what opening an article from a new process costs; "open cpu" is the CPU time of the same,
  the steadier figure when other work shares the machine;
* build: the one ``add_many`` that wrote the store; the size of all its files.

At the largest size it also times whole processes, start to exit: ``hamish annotate`` of an
article the store knows, ``hamish notes`` of it, and ``hamish list``. The goals (issue 12, at
100k annotations over 1,000 articles) are printed beside their figures. Timings are medians of
wall-clock time unless said otherwise; compare them between runs.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from hamish.core.annotations.model import Annotation, ArticleRecord, Color
from hamish.core.article import content_key
from hamish.core.loaders import load_article
from hamish.core.store import Store

ARTICLES = 1000
GOALS = {"add": 0.015, "open": 0.050, "annotate": 0.250}
"""Seconds, at ``GOAL_SIZE`` annotations over ``ARTICLES`` articles."""
GOAL_SIZE = 100_000
OPENS = 5
ARTICLE_FILE = "article.txt"
GOAL_NAMES = {
    "add": "add one annotation",
    "open": "open an article with its annotations",
    "annotate": "`hamish annotate`, whole process",
    "notes": "`hamish notes`, whole process",
    "list": "`hamish list`, whole process",
}
_WORDS = (
    "الكتاب",
    "المطبعة",
    "في",
    "القرن",
    "التاسع",
    "عشر",
    "הספר",
    "הדפוס",
    "של",
    "ادبیات",
    "فارسی",
    "the",
    "printing",
    "press",
    "changed",
    "reading",
    "and",
    "margins",
)


def article_text(rng: random.Random, words: int = 4000) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words))


def make_annotation(rng: random.Random, key: str, text: str) -> Annotation:
    """A highlight of a phrase to a few sentences; about a third carry a note, some tags."""
    start = rng.randrange(0, len(text) - 200)
    end = start + rng.randrange(10, 200)
    words = rng.randrange(3, 40) if rng.random() < 0.35 else 0
    note = " ".join(rng.choice(_WORDS) for _ in range(words))
    tags = rng.sample(["history", "type", "quote", "todo"], rng.randrange(0, 3))
    return Annotation.create(
        article_key=key,
        text=text,
        start=start,
        end=end,
        text_hash=key,
        color=rng.choice(list(Color)),
        note=note,
        tags=tags,
    )


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


_OPEN_SCRIPT = """
import sys, time
from pathlib import Path
from hamish.core.store import Store
wall, cpu = time.perf_counter(), time.process_time()
store = Store.open(Path(sys.argv[1]))
store.annotations_for(sys.argv[2])
print(time.perf_counter() - wall, time.process_time() - cpu)
store.close()
"""


def time_open_in_fresh_process(path: Path, article_key: str) -> tuple[float, float]:
    """Open + ``annotations_for`` timed inside a new interpreter (imports excluded): what the
    CLI or a second terminal pays, without this process's heap skewing the collector.
    Returns (wall, CPU) seconds: on a busy machine the CPU time is the steadier figure."""
    result = subprocess.run(
        [sys.executable, "-c", _OPEN_SCRIPT, str(path), article_key],
        capture_output=True,
        text=True,
        check=True,
    )
    wall, cpu = result.stdout.split()
    return float(wall), float(cpu)


def time_command(data_dir: Path, argv: Sequence[str]) -> float:
    """``hamish ARGV`` as a user runs it, from process start to exit, on the store in
    ``data_dir``."""
    environment = dict(os.environ, HAMISH_DATA_DIR=str(data_dir))
    environment["HAMISH_CONFIG"] = str(data_dir / "no-config.toml")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "hamish", *argv],
        env=environment,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - started


def _articles(rng: random.Random, count: int, directory: Path) -> dict[str, str]:
    """key -> text of ``count`` articles; the first one is also a file in ``directory``, as
    the loader reads it, for the commands to open."""
    first = directory / ARTICLE_FILE
    first.write_text("An article\n\n" + article_text(rng, 600), encoding="utf-8")
    loaded = load_article(first)
    texts = {loaded.key: loaded.text}
    for _ in range(count - 1):
        text = article_text(rng, 600)
        texts[content_key(text)] = text
    return texts


def measure(
    size: int, directory: Path, articles: int, adds: int, rng: random.Random
) -> dict[str, float]:
    path = directory / f"bench-{size}" / "hamish.json"
    path.parent.mkdir(parents=True)
    texts = _articles(rng, articles, path.parent)
    keys = list(texts)
    with Store.open(path) as store:
        for number, key in enumerate(keys):
            where = path.parent / (ARTICLE_FILE if number == 0 else f"{key}.txt")
            store.save_article(ArticleRecord(key=key, text_hash=key, title=key, path=str(where)))
        annotations = [
            make_annotation(rng, keys[i % articles], texts[keys[i % articles]]) for i in range(size)
        ]
        started = time.perf_counter()
        store.add_many(annotations)
        build = time.perf_counter() - started
    del annotations  # the opens below should not pay for this heap
    open_times = [time_open_in_fresh_process(path, keys[0]) for _ in range(OPENS)]
    with Store.open(path) as store:
        key = keys[1]
        first_add = _timed(lambda: store.add(make_annotation(rng, key, texts[key])))
        add_times = []
        for n in range(adds):
            key = keys[n % articles]
            annotation = make_annotation(rng, key, texts[key])
            add_times.append(_timed(lambda a=annotation: store.add(a)))  # type: ignore[misc]
    add_times.sort()
    files = [p for p in path.parent.rglob("*") if p.is_file() and p.suffix != ".txt"]
    return {
        "build": build,
        "add": statistics.median(add_times),
        "add_p90": add_times[int(0.9 * (len(add_times) - 1))],
        "first_add": first_add,
        "open": statistics.median(wall for wall, _ in open_times),
        "open_cpu": statistics.median(cpu for _, cpu in open_times),
        "size": float(sum(p.stat().st_size for p in files)),
    }


def time_commands(data_dir: Path, runs: int) -> dict[str, float]:
    """``hamish annotate`` and ``hamish notes`` of the article the store knows a file for, and
    ``hamish list`` (which counts every article's annotations)."""
    article = str(data_dir / ARTICLE_FILE)
    commands = {
        "annotate": ["annotate", article, "--quote", "the"],
        "notes": ["notes", article],
        "list": ["list"],
    }
    return {
        name: statistics.median(time_command(data_dir, argv) for _ in range(runs))
        for name, argv in commands.items()
    }


def print_goals(
    results: dict[int, dict[str, float]], commands: dict[str, float], articles: int
) -> None:
    size = max(results)
    figures = {**results[size], **commands}
    print(f"\nat {size:,} annotations over {articles:,} articles", end="")
    if (size, articles) != (GOAL_SIZE, ARTICLES):
        print(f" (the goals are for {GOAL_SIZE:,} over {ARTICLES:,})", end="")
    print(":")
    for name, title in GOAL_NAMES.items():
        figure = figures[name]
        goal = GOALS.get(name)
        line = f"  {title:<40} {figure * 1000:7.1f} ms"
        if goal is not None:
            verdict = "met" if figure <= goal else "MISSED"
            line += f"   goal <= {goal * 1000:.0f} ms: {verdict}"
        print(line)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hamish.bench store", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="comma-separated annotation counts"
    )
    parser.add_argument("--articles", type=int, default=ARTICLES, help="articles in each store")
    parser.add_argument("--adds", type=int, default=40, help="single adds timed per size")
    parser.add_argument(
        "--runs", type=int, default=5, help="runs of each whole command at the largest size"
    )
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to build the stores (default: a temp dir)"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    rng = random.Random(args.seed)
    directory = Path(tempfile.mkdtemp(prefix="hamish-bench-", dir=args.dir))
    print(f"store benchmark in {directory} ({args.articles} articles; times in ms, medians)")
    columns = ("add", "add p90", "1st add", "open", "open cpu", "build", "store MB")
    print(f"{'annotations':>11}" + "".join(f" {column:>8}" for column in columns))
    results = {}
    try:
        for size in sizes:
            row = measure(size, directory, args.articles, args.adds, rng)
            results[size] = row
            print(
                f"{size:>11}{_ms(row['add'])} {_ms(row['add_p90'])} {_ms(row['first_add'])} "
                f"{_ms(row['open'])} {_ms(row['open_cpu'])} {_ms(row['build'])} "
                f"{row['size'] / 1e6:8.2f}",
                flush=True,
            )
        largest = max(results)
        commands = time_commands(directory / f"bench-{largest}", args.runs)
        print_goals(results, commands, args.articles)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
