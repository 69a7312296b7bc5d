"""``python -m hamish.bench WHAT``: the figures quoted in the README, measured here and now.

These are measurements, not tests: nothing fails if a goal is missed. Run them on a quiet
machine and compare medians between runs.
"""

from __future__ import annotations

import importlib
import sys

BENCHES = {
    "startup": "time to first screen against a minimal Textual app; hamish --version",
    "layout": "layout engine throughput, time to first screen (10 MB vs 4 KB), vs Markdown",
    "keys": "key latency: a search of 20k+ matches, the first seconds of a 10 MB article",
    "store": "annotation store: add and open at 1k, 10k, 100k annotations",
    "export": "exporting 10,000 annotations as Markdown and JSON",
    "search": "searching a 10 MB article and 10k annotations",
    "editor": "a keystroke in a 2,000-character mixed note (the note editor's redraw)",
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python -m hamish.bench {all," + ",".join(BENCHES) + "} [options]\n")
        for name, what in BENCHES.items():
            print(f"  {name:8} {what}")
        return 0 if argv else 2
    names = list(BENCHES) if argv[0] == "all" else [argv[0]]
    for name in names:
        if name not in BENCHES:
            print(f"unknown benchmark {name!r}; choose from: all, {', '.join(BENCHES)}")
            return 2
        module = importlib.import_module(f"hamish.bench.{name}")
        status = module.main(argv[1:] if argv[0] != "all" else [])
        if status:
            return int(status)
        print()
    return 0


raise SystemExit(main(sys.argv[1:]))
