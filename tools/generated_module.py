"""What the table generators share: packing a tuple literal and writing the module."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def tuple_literal(name: str, annotation: str, items: list[str]) -> list[str]:
    """``NAME: annotation = (...)`` packed into lines of at most 100 characters, unformatted."""
    lines = ["# fmt: off", f"{name}: {annotation} = ("]
    row = "   "
    for item in items:
        if len(row) + len(item) + 2 > 100:
            lines.append(row)
            row = "   "
        row += f" {item},"
    return [*lines, row, ")", "# fmt: on"]


def write_module(render: Callable[[], str], default_output: Path, argv: list[str]) -> None:
    """Write ``render()`` to the path given on the command line, or the default one."""
    output = Path(argv[1]) if len(argv) > 1 else default_output
    output.write_text(render(), encoding="utf-8")
    print(f"wrote {output}")
