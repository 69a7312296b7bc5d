"""``python -m hamish.bench store``: what the annotation store costs at 1k, 10k and 100k notes.

For each size it builds a database of that many annotations over 100 articles (with one
``add_many``, the import path), then measures on a real file system, fsync included:

* add: the median (and 90th percentile) time of ``Store.add`` of one new annotation, the
  operation a user waits for after pressing Enter; goal <= 30 ms at 10k;
* first add: the first ``add`` after opening (it also sweeps leftover temporary files);
* open: ``Store.open`` plus ``annotations_for`` of one article in a fresh interpreter, i.e.
  what opening an article from a new process costs; goal <= 100 ms at 10k; "open cpu" is the
  CPU time of the same, the steadier figure when other work shares the machine;
* build: the one ``add_many`` that wrote the database;
* the file size.

Timings are medians of wall-clock time unless said otherwise; compare them between runs.
"""

from __future__ import annotations

import argparse
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
from hamish.core.store import Store

ARTICLES = 100
GOALS_AT_10K = {"add": 0.030, "open": 0.100}
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


def measure(
    size: int, directory: Path, adds: int, opens: int, rng: random.Random
) -> dict[str, float]:
    path = directory / f"bench-{size}" / "hamish.json"
    texts = {f"{rng.getrandbits(128):032x}": article_text(rng) for _ in range(ARTICLES)}
    keys = list(texts)
    with Store.open(path) as store:
        for key in keys:
            store.save_article(ArticleRecord(key=key, text_hash=key, title=key, path=f"{key}.txt"))
        annotations = [
            make_annotation(rng, keys[i % ARTICLES], texts[keys[i % ARTICLES]]) for i in range(size)
        ]
        started = time.perf_counter()
        store.add_many(annotations)
        build = time.perf_counter() - started
    del annotations  # the opens below should not pay for this heap
    open_times = [time_open_in_fresh_process(path, keys[0]) for _ in range(opens)]
    with Store.open(path) as store:
        key = keys[1]
        first_add = _timed(lambda: store.add(make_annotation(rng, key, texts[key])))
        add_times = []
        for n in range(adds):
            key = keys[n % ARTICLES]
            annotation = make_annotation(rng, key, texts[key])
            add_times.append(_timed(lambda a=annotation: store.add(a)))  # type: ignore[misc]
    add_times.sort()
    return {
        "build": build,
        "add": statistics.median(add_times),
        "add_p90": add_times[int(0.9 * (len(add_times) - 1))],
        "first_add": first_add,
        "open": statistics.median(wall for wall, _ in open_times),
        "open_cpu": statistics.median(cpu for _, cpu in open_times),
        "size": float(path.stat().st_size),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hamish.bench store", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="comma-separated annotation counts"
    )
    parser.add_argument(
        "--adds", type=int, default=40, help="single adds timed per size (fewer at 100k)"
    )
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to build the files (default: a temp dir)"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    rng = random.Random(args.seed)
    directory = Path(tempfile.mkdtemp(prefix="hamish-bench-", dir=args.dir))
    print(f"store benchmark in {directory} ({ARTICLES} articles; times in ms, medians)")
    columns = ("add", "add p90", "1st add", "open", "open cpu", "build", "file MB")
    print(f"{'annotations':>11}" + "".join(f" {column:>8}" for column in columns))
    results = {}
    try:
        for size in sizes:
            adds = args.adds if size < 50_000 else max(5, args.adds // 4)
            opens = 5 if size < 50_000 else 3
            row = measure(size, directory, adds, opens, rng)
            results[size] = row
            print(
                f"{size:>11}{_ms(row['add'])} {_ms(row['add_p90'])} {_ms(row['first_add'])} "
                f"{_ms(row['open'])} {_ms(row['open_cpu'])} {_ms(row['build'])} "
                f"{row['size'] / 1e6:8.2f}",
                flush=True,
            )
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    if 10_000 in results:
        for name, goal in GOALS_AT_10K.items():
            verdict = "met" if results[10_000][name] <= goal else "MISSED"
            print(f"goal {name} <= {goal * 1000:.0f} ms at 10k: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
