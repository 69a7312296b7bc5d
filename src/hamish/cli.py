"""``hamish [PATH...]`` opens the reader; ``hamish COMMAND ...`` runs a command without a UI.

The Textual app is imported only when the reader opens, so scripted commands (``hamish export``,
``hamish annotate`` ...) start fast and work where there is no terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from hamish import __version__
from hamish.core.loaders import LoadError
from hamish.core.loaders.progressive import load_progressively
from hamish.core.store import Store, StoreError

Command = Callable[[list[str]], int]


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hamish",
        description="Read and annotate articles in Arabic, Hebrew, Persian and English.",
        epilog="Commands: " + ", ".join(sorted(COMMANDS)) + " (hamish COMMAND --help).",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="articles to open")
    parser.add_argument(
        "--bidi",
        choices=("app", "terminal"),
        default="app",
        help="app: hamish reorders right-to-left text (default; right for xterm, kitty, WezTerm, "
        "Windows Terminal, tmux, and GNOME Terminal/mintty which it switches to explicit mode); "
        "terminal: leave reordering to terminals that always do it (Konsole, mlterm, "
        "macOS Terminal)",
    )
    parser.add_argument(
        "--no-shaping", action="store_true", help="show Arabic letters unjoined (isolated forms)"
    )
    parser.add_argument("--version", action="version", version=f"hamish {__version__}")
    return parser


def error(message: str) -> int:
    """Report ``message`` on one line of stderr; the exit status for bad input."""
    print(f"hamish: {message}", file=sys.stderr)
    return 2


def open_reader(argv: list[str]) -> int:
    args = _reader_parser().parse_args(argv)
    articles = []
    for path in args.paths:
        try:
            articles.append(load_progressively(path))
        except LoadError as failure:
            return error(str(failure))

    try:
        store = Store.open()
    except StoreError as failure:
        return error(str(failure))

    from hamish.ui.app import HamishApp, default_library

    app = HamishApp(
        articles,
        store=store,
        library=default_library(store),
        shaping=not args.no_shaping,
        reorder=args.bidi == "app",
    )
    try:
        app.run()
    finally:
        recovery = app.close_store()
    if recovery is not None:
        return error(f"some changes could not be saved; they are in {recovery} (hamish import it)")
    return 0


COMMANDS: dict[str, Command] = {}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = COMMANDS.get(arguments[0]) if arguments else None
    try:
        if command is not None:
            return command(arguments[1:])
        return open_reader(arguments)
    except KeyboardInterrupt:
        return 130
