"""Command-line entry point (grows with each feature)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("hamish: not ready yet", file=sys.stderr)
    return 2
