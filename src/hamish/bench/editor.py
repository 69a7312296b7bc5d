"""``python -m hamish.bench editor``: what a keystroke costs in the note editor.

A 2,000-character note mixing Arabic, Latin words, digits and brackets is loaded into a
``BidiTextArea`` in a headless app at 100×32 (the note editor's size). For each keystroke this
times what the key handler and the next frame do: the edit in the core (the touched paragraph
laid out again), then every visible row of the field drawn as strips. Keys are typed at the end,
in the middle and at the start, into a note that is one long paragraph and into one of ten
paragraphs. Goal: a keystroke redraws in under 16 ms (one frame at 60 Hz). The median and the
95th percentile are printed: the slowest keystroke mostly measures what else the machine does.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from collections.abc import Sequence

from hamish.bench.generate import arabic_paragraph

NOTE_CHARS = 2000
KEYS = "مثال Paris 2026 (نص) "


def mixed_note(paragraphs: int, *, seed: int = 11) -> str:
    rng = random.Random(seed)
    text = " ".join(arabic_paragraph(rng) for _ in range(8))[:NOTE_CHARS]
    if paragraphs == 1:
        return text
    size = len(text) // paragraphs
    return "\n".join(text[i * size : (i + 1) * size].strip() for i in range(paragraphs))


async def keystroke_times(text: str, where: str, keys: int) -> list[float]:
    from textual.app import App, ComposeResult

    from hamish.ui.widgets.bidi_text_area import BidiTextArea

    class Editing(App[None]):
        CSS = "BidiTextArea { height: 1fr; }"

        def compose(self) -> ComposeResult:
            yield BidiTextArea(text)

    app = Editing()
    times: list[float] = []
    async with app.run_test(size=(100, 32)) as pilot:
        area = app.query_one(BidiTextArea)
        area.focus()
        await pilot.pause()
        editor = area.editor
        if where == "start":
            editor.move_to_document_edge(end=False)
        elif where == "middle":
            editor.click(editor.view.row_count // 2, 40)
        height = area.scrollable_content_region.height
        for index in range(keys):
            char = KEYS[index % len(KEYS)]
            started = time.perf_counter()
            area._run(lambda char=char: editor.insert(char))  # what a key press runs
            for y in range(height):
                area.render_line(y)  # and what the next frame draws
            times.append(time.perf_counter() - started)
            await pilot.pause()
    return times


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m hamish.bench editor")
    parser.add_argument("--keys", type=int, default=60, help="keystrokes per case")
    args = parser.parse_args(argv)
    print(f"a keystroke in a {NOTE_CHARS:,}-character mixed note, 100×32 (goal < 16 ms)")
    worst = 0.0
    for paragraphs in (1, 10):
        text = mixed_note(paragraphs)
        for where in ("end", "middle", "start"):
            times = asyncio.run(keystroke_times(text, where, args.keys))
            median = statistics.median(times)
            p95 = statistics.quantiles(times, n=20)[-1]
            worst = max(worst, median)
            label = f"{paragraphs} paragraph{'s' if paragraphs > 1 else ''}, typing at {where}"
            print(
                f"  {label:36} median {median * 1000:5.1f} ms, 95th percentile {p95 * 1000:5.1f} ms"
            )
    print(f"  worst median: {worst * 1000:.1f} ms")
    return 0
