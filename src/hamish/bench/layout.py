"""``python -m hamish.bench layout``: the layout engine's speed, and what a reader waits for.

Prints, in one run:

* throughput: characters per second of a 1 MB Arabic article, for wrapping alone (what the
  background indexing does) and for building every visual line (wrap, shaping, bidi levels,
  reordering and the cell map);
* time to first screen: from reading the file to the first full screen (100×32) drawn by the
  app (headless), for the 4 KB sample and a generated 10 MB Arabic article, each in a fresh
  interpreter (median of runs), and their ratio (goal ≤ 1.5); the engine alone too;
* an article that is one paragraph of 3, 10 and 30 MB: time to first screen and peak memory of
  the fresh interpreter, app and engine (issue 10: it was 2.5 s and 0.44 GB at 3 MB, 25 s and
  4 GB at 30 MB; the goal is a first screen that does not depend on the paragraph's length);
* the same 1 MB article (as Markdown) shown by Textual's ``Markdown`` widget, which is what
  Markdown-based terminal readers use, against hamish (goal: hamish ≤ 1/20 of its time).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from hamish.bench.generate import arabic_article, peak_memory_mb
from hamish.core.paths import bundled_articles_dir

SAMPLE = "000_ba9713e08e0d77df.txt"
SIZE = (100, 32)


def throughput(path: Path) -> tuple[float, float, int]:
    from hamish.core.layout import Layout, LayoutOptions
    from hamish.core.loaders import load_article

    article = load_article(path)
    chars = len(article.text)
    wrap_layout = Layout(article, LayoutOptions(97))
    started = time.perf_counter()
    wrap_layout.index()
    wrap_rate = chars / (time.perf_counter() - started)
    full_layout = Layout(article, LayoutOptions(97))
    started = time.perf_counter()
    rows = full_layout.row_count
    for row in range(rows):
        full_layout.line(row)
    full_rate = chars / (time.perf_counter() - started)
    return wrap_rate, full_rate, chars


async def _first_screen_app(path: Path, data_dir: Path, *, whole: bool = False) -> float:
    """From reading the file to the first rows drawn, as ``hamish PATH`` does it.

    Python and Textual are imported first: they cost the same whatever the article. With
    ``whole``, until the first rows of the whole article are drawn (a one-paragraph article
    first shows only the head it has before its paragraph: its title).
    """
    import os

    os.environ["HAMISH_DATA_DIR"] = str(data_dir)
    from hamish.core.loaders.progressive import load_progressively
    from hamish.ui.app import HamishApp
    from hamish.ui.widgets.reader_view import ReaderView

    started = time.perf_counter()
    loaded = load_progressively(path)
    app = HamishApp([loaded], open_store=True, use_bidi_driver=False)  # as hamish PATH does
    async with app.run_test(size=SIZE):
        while True:  # until the reading pane has drawn its first rows through the compositor
            views = app.screen.query(ReaderView)
            if views and views.first().first_paint is not None:
                painted = views.first().first_paint
                break
            await asyncio.sleep(0.002)
        if whole and loaded.rest is not None:
            view = views.first()
            while len(view.article.text) <= len(loaded.head.text):
                await asyncio.sleep(0.002)
            app.screen._compositor.render_strips()  # now, before the rest is indexed
            painted = time.perf_counter()
    app.close_store()
    assert painted is not None
    return painted - started


def _first_screen_engine(path: Path, *, whole: bool = False) -> float:
    from hamish.core.layout import Layout, LayoutOptions
    from hamish.core.loaders import load_article
    from hamish.core.loaders.progressive import load_progressively

    started = time.perf_counter()
    article = load_article(path) if whole else load_progressively(path).head
    layout = Layout(article, LayoutOptions(SIZE[0] - 3))
    for row in range(SIZE[1] - 1):
        layout.line(row)
    return time.perf_counter() - started


async def _markdown_widget(path: Path) -> float:
    """The same measure for Textual's Markdown widget: from reading the file to first paint."""
    from textual.app import App, ComposeResult
    from textual.widgets import Markdown

    started = time.perf_counter()
    text = path.read_text(encoding="utf-8")

    class Viewer(App[None]):
        def compose(self) -> ComposeResult:
            yield Markdown(text)

    app = Viewer()
    async with app.run_test(size=SIZE) as pilot:
        widget = app.query_one(Markdown)
        while not widget.children:
            await pilot.pause(0.05)
        await pilot.pause()
        app.screen._compositor.render_strips()
        return time.perf_counter() - started


def _child(argv: list[str]) -> int:
    """Run one measurement in this (fresh) interpreter; print seconds and peak memory (MB)."""
    kind, path = argv[0], Path(argv[1])
    whole = kind.endswith("-whole")
    if kind.startswith("app"):
        with tempfile.TemporaryDirectory() as data:
            seconds = asyncio.run(_first_screen_app(path, Path(data), whole=whole))
    elif kind.startswith("engine"):
        seconds = _first_screen_engine(path, whole=whole)
    else:
        seconds = asyncio.run(_markdown_widget(path))
    peak = peak_memory_mb()
    print(seconds, peak)
    return 0


def measure_with_memory(kind: str, path: Path, runs: int) -> tuple[float, float]:
    """Median seconds and largest peak memory (MB) over ``runs`` fresh interpreters."""
    times, peaks = [], []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-m", "hamish.bench.layout", "--child", kind, str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        seconds, peak = result.stdout.strip().splitlines()[-1].split()
        times.append(float(seconds))
        peaks.append(float(peak))
    return statistics.median(times), max(peaks)


def measure(kind: str, path: Path, runs: int) -> float:
    return measure_with_memory(kind, path, runs)[0]


def one_paragraph(folder: Path, runs: int) -> None:
    print(f"one-paragraph article: its first screen, peak memory (median of {runs} fresh runs)")
    for megabytes in (3, 10, 30):
        path = folder / f"one-paragraph-{megabytes}mb.txt"
        path.write_text(arabic_article(megabytes * 1_000_000, one_paragraph=True), "utf-8")
        app_time, app_peak = measure_with_memory("app-whole", path, runs)
        engine_time, engine_peak = measure_with_memory("engine-whole", path, runs)
        print(
            f"  {megabytes:2} MB   app {app_time * 1000:6.0f} ms {app_peak:5.0f} MB"
            f"   engine {engine_time * 1000:5.0f} ms {engine_peak:5.0f} MB"
        )
        path.unlink()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hamish.bench layout")
    parser.add_argument("--runs", type=int, default=3, help="fresh interpreters per figure")
    parser.add_argument("--skip-markdown", action="store_true", help="skip the slow comparison")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args.child)

    sample = bundled_articles_dir() / SAMPLE
    with tempfile.TemporaryDirectory(prefix="hamish-bench-") as folder:
        big = Path(folder) / "arabic-10mb.txt"
        big.write_text(arabic_article(10_000_000), encoding="utf-8")
        one_mb = Path(folder) / "arabic-1mb.md"
        one_mb.write_text(arabic_article(1_000_000, markdown=True), encoding="utf-8")

        wrap_rate, full_rate, chars = throughput(one_mb)
        print(f"layout throughput ({chars:,} characters, width 97)")
        print(f"  wrapping only           {wrap_rate / 1e6:6.2f} M chars/s")
        print(f"  full visual lines       {full_rate / 1e6:6.2f} M chars/s")

        print(f"time to first screen ({SIZE[0]}x{SIZE[1]}, median of {args.runs} fresh runs)")
        figures = {}
        for label, path in (("4 KB sample", sample), ("10 MB Arabic", big)):
            figures[label] = (
                measure("app", path, args.runs),
                measure("engine", path, args.runs),
            )
            app_time, engine_time = figures[label]
            print(
                f"  {label:14} app {app_time * 1000:7.0f} ms   engine {engine_time * 1000:6.0f} ms"
            )
        ratio = figures["10 MB Arabic"][0] / figures["4 KB sample"][0]
        engine_ratio = figures["10 MB Arabic"][1] / figures["4 KB sample"][1]
        print(f"  ratio 10 MB / 4 KB: app {ratio:.2f} (goal <= 1.5), engine {engine_ratio:.1f}")
        one_paragraph(Path(folder), args.runs)

        if not args.skip_markdown:
            markdown_time = measure("markdown", one_mb, 1)
            hamish_time = measure("app", one_mb, args.runs)
            print("1 MB article: Textual Markdown widget vs hamish")
            print(f"  Markdown widget {markdown_time:8.2f} s")
            speedup = markdown_time / hamish_time
            print(f"  hamish          {hamish_time:8.2f} s   ({speedup:.0f}x faster, goal >= 20x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
