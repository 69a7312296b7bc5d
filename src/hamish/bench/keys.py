"""``python -m hamish.bench keys``: how long a key takes, where articles are big.

Each figure comes from a fresh interpreter running the app headless (100×32). A key's time runs
from the key event to the frame it causes: every message it set off handled and the screen
drawn again (the terminal's own writing excluded).

* Search: with a search open, ``n``, caret moves and PgDn in an article with 20,000+ matches
  (10 MB) against the same keys in a 200 KB one; medians; goal: within 1.5x.
* The first seconds of a 10 MB article: keys pressed from its first screen until its rest has
  been read and wrapped; the slowest of them (goal: none over 50 ms); whether ``G`` pressed
  then went to the end of the whole article; and the interpreter's peak memory (goal 120 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hamish.bench.generate import arabic_article, peak_memory_mb

SIZE = (100, 32)
QUERY = "في"
SEARCH_KEYS = ("n", "right", "down", "pagedown")
SEARCH_GOAL = 1.5
KEY_GOAL_MS = 50.0
MEMORY_GOAL_MB = 120.0
GIVE_UP_SECONDS = 60.0
READING_KEYS = ("down", "pagedown", "right", "down", "up", "pageup", "left", "down")


async def _settle(app: Any, pilot: Any) -> None:
    """Until every message the app and its screen's widgets have queued is handled; then draw."""
    for _ in range(100):
        await pilot._wait_for_screen()
        nodes = [app, *app.screen.walk_children(with_self=True)]
        if all(node._message_queue.empty() for node in nodes):
            break
    app.screen._on_timer_update()


async def press(app: Any, pilot: Any, key: str) -> float:
    """Seconds from ``key`` reaching the app to the frame it caused."""
    from textual import events

    started = time.perf_counter()
    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
    await _settle(app, pilot)
    return time.perf_counter() - started


@contextmanager
def _app(path: Path) -> Iterator[Any]:
    """The app as ``hamish PATH`` makes it, headless: it opens the store after its first
    screen, while the rest of a long article is still being read."""
    from hamish.core.loaders.progressive import load_progressively
    from hamish.ui.app import HamishApp

    app = HamishApp([load_progressively(path)], open_store=True, use_bidi_driver=False)
    try:
        yield app
    finally:
        app.close_store()


async def _search_keys(path: Path, presses: int) -> dict[str, Any]:
    with _app(path) as app:
        async with app.run_test(size=SIZE) as pilot:
            pane = app.screen.pane
            await pane.annotating.ready.wait()
            view = pane.view
            while not view.layout_engine.complete:
                await asyncio.sleep(0.02)
            await pilot.press("slash", *QUERY, "enter")
            while pane.search_bar.matches is None:
                await asyncio.sleep(0.02)
            await _settle(app, pilot)
            times = {
                key: [await press(app, pilot, key) for _ in range(presses)] for key in SEARCH_KEYS
            }
            matches = len(pane.search_bar.matches.ranges)
    return {"matches": matches, **{key: statistics.median(t) for key, t in times.items()}}


async def _first_seconds(path: Path, keys: Sequence[str]) -> dict[str, Any]:
    """Press ``keys`` in turn (none: only ``G``, once) from the first screen until the article
    is read and wrapped."""
    with _app(path) as app:
        async with app.run_test(size=SIZE) as pilot:
            pane = app.screen.pane
            view = pane.view
            while view.first_paint is None:
                await asyncio.sleep(0.002)
            times = [] if keys else [await press(app, pilot, "G")]
            started = time.perf_counter()
            while not (pane.annotating.ready.is_set() and view.layout_engine.complete):
                if time.perf_counter() - started > GIVE_UP_SECONDS:
                    raise RuntimeError("the article was not read and laid out in time")
                if keys:
                    times.append(await press(app, pilot, keys[len(times) % len(keys)]))
                await asyncio.sleep(0.01)  # a fast typist: a key every ~15 ms
            await _settle(app, pilot)
            busy = time.perf_counter() - started
            layout = view.layout_engine
            at_end = view.caret is not None and layout.row_of(view.caret) == layout.row_count - 1
            length = len(view.article.text)
    peak = peak_memory_mb()
    return {"times": times, "busy": busy, "at_end": at_end, "length": length, "peak": peak}


def _child(kind: str, path: Path, presses: int) -> None:
    from hamish import collector

    collector.pause()  # as ``hamish.cli.main`` does
    with tempfile.TemporaryDirectory() as data:
        os.environ["HAMISH_DATA_DIR"] = data
        os.environ["HAMISH_CONFIG"] = str(Path(data) / "config.toml")
        if kind == "search":
            result = asyncio.run(_search_keys(path, presses))
        elif kind == "reading":
            result = asyncio.run(_first_seconds(path, READING_KEYS))
        else:  # "end"
            result = asyncio.run(_first_seconds(path, ()))
    print(json.dumps(result))


def measure(kind: str, path: Path, presses: int = 0) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, "-m", "hamish.bench.keys", "--child", kind, str(path), str(presses)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:6.1f} ms"


def bench_search(small: Path, big: Path, presses: int) -> None:
    baseline, loaded = measure("search", small, presses), measure("search", big, presses)
    print(f"keys with a search open (median of {presses} presses each)")
    print(f"  {'key':10} {'200 KB':>10} {'10 MB':>10}   ratio")
    print(f"  {'matches':10} {baseline['matches']:>10,} {loaded['matches']:>10,}")
    worst = 0.0
    for key in SEARCH_KEYS:
        ratio = loaded[key] / baseline[key]
        worst = max(worst, ratio)
        print(f"  {key:10} {_ms(baseline[key]):>10} {_ms(loaded[key]):>10}   {ratio:.2f}")
    verdict = "met" if worst <= SEARCH_GOAL else "MISSED"
    print(f"  worst ratio {worst:.2f} (goal <= {SEARCH_GOAL}: {verdict})")


def bench_first_seconds(big: Path) -> None:
    reading = measure("reading", big)
    times = sorted(reading["times"])
    slowest = times[-1] * 1000
    print(f"the first {reading['busy']:.1f} s of a 10 MB article, while its rest is read")
    print(
        f"  {len(times)} keys: median {_ms(statistics.median(times))}, "
        f"90% within {_ms(times[int(len(times) * 0.9)])}, slowest {slowest:.1f} ms "
        f"(goal <= {KEY_GOAL_MS:.0f} ms: {'met' if slowest <= KEY_GOAL_MS else 'MISSED'})"
    )
    end = measure("end", big)
    print(
        "  G pressed at once: at the end of the whole article once it is read: "
        + ("yes" if end["at_end"] else "NO")
    )
    peak = max(reading["peak"], end["peak"])
    verdict = "met" if peak <= MEMORY_GOAL_MB else "MISSED"
    print(f"  peak memory {peak:.0f} MB (goal <= {MEMORY_GOAL_MB:.0f} MB: {verdict})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hamish.bench keys", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--presses", type=int, default=15, help="presses of each key (search)")
    parser.add_argument("--size-mb", type=float, default=10.0, help="the big article, MB")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, path, presses = args.child
        _child(kind, Path(path), int(presses))
        return 0
    with tempfile.TemporaryDirectory(prefix="hamish-bench-") as folder:
        small, big = Path(folder) / "article-200kb.txt", Path(folder) / "article-10mb.txt"
        small.write_text(arabic_article(200_000), encoding="utf-8")
        big.write_text(arabic_article(int(args.size_mb * 1_000_000)), encoding="utf-8")
        bench_search(small, big, args.presses)
        bench_first_seconds(big)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
