"""``hamish [PATH...]`` opens the reader; ``hamish COMMAND ...`` runs a command without a UI.

The Textual app is imported only when the reader opens, so scripted commands (``hamish export``,
``hamish annotate`` ...) start fast and work where there is no terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from hamish import __version__
from hamish.commands.common import CommandError, fail, open_store
from hamish.core.config import BIDI_MODES, load_config
from hamish.core.loaders import LoadError
from hamish.core.loaders.progressive import ArticleLoad, load_progressively
from hamish.core.paths import config_path
from hamish.core.store import StoreError
from hamish.core.web.urls import is_web_url

Command = Callable[[list[str]], int]


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hamish",
        description="Read and annotate articles in Arabic, Hebrew, Persian and English.",
        epilog="Commands: " + ", ".join(sorted(COMMANDS)) + " (hamish COMMAND --help).",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH|URL", help="articles to open: files or web pages"
    )
    parser.add_argument(
        "--bidi",
        choices=BIDI_MODES,
        default=None,
        help="app: hamish reorders right-to-left text (default; right for xterm, kitty, WezTerm, "
        "Windows Terminal, tmux, and GNOME Terminal/mintty which it switches to explicit mode); "
        "terminal: leave reordering to terminals that always do it (Konsole, mlterm, "
        "macOS Terminal)",
    )
    parser.add_argument(
        "--no-shaping",
        action="store_true",
        help="draw Arabic letters as stored, unjoined (for terminals that shape Arabic themselves)",
    )
    parser.add_argument("--version", action="version", version=f"hamish {__version__}")
    return parser


def _load(target: str) -> ArticleLoad:
    """A file as the reader loads it; a URL fetched now (``LoadError`` either way)."""
    if not is_web_url(target):
        return load_progressively(Path(target))
    from hamish.commands.common import CommandError, fetch_settings
    from hamish.core.web.pages import fetch_page

    try:
        return ArticleLoad(fetch_page(target, settings=fetch_settings()).article)
    except CommandError as failure:  # a bad $HAMISH_HTTP_TIMEOUT
        raise LoadError(target, str(failure)) from None


def open_reader(argv: list[str]) -> int:
    args = _reader_parser().parse_args(argv)
    articles = []
    for target in args.paths:
        try:
            articles.append(_load(target))
        except LoadError as failure:
            return fail(str(failure))

    try:
        store = open_store(for_reading=True)  # where nothing can be saved, still read
    except StoreError as failure:
        return fail(str(failure))
    config, problems = load_config()
    if args.bidi is not None:
        config = replace(config, bidi=args.bidi)
    if args.no_shaping:
        config = replace(config, shaping=False)

    from hamish.ui.app import HamishApp

    app = HamishApp(
        articles, store=store, config=config, config_problems=problems, config_path=config_path()
    )
    try:
        app.run()
    finally:
        store.close()
    recovery = app.recovery_file
    if recovery is not None:
        with contextlib.suppress(OSError):  # the terminal may be gone: the file is what counts
            fail(
                f"some changes could not be saved; they are in {recovery} "
                f"(`hamish doctor --recover {recovery}` applies them)"
            )
        return 2
    return app.return_code or 0


def _command(module: str, function: str = "run") -> Command:
    """``hamish.commands.<module>.<function>``, imported only when the command is used."""

    def run(argv: list[str]) -> int:
        loaded = importlib.import_module(f"hamish.commands.{module}")
        result: int = getattr(loaded, function)(argv)
        return result

    return run


COMMANDS: dict[str, Command] = {
    "add": _command("add"),
    "annotate": _command("annotate"),
    "doctor": _command("doctor"),
    "export": _command("export"),
    "feeds": _command("feeds"),
    "import": _command("importing"),
    "list": _command("reading", "run_list"),
    "notes": _command("reading", "run_notes"),
    "search": _command("search"),
}


def _tolerant_output() -> None:
    """Text a terminal's encoding cannot show is escaped rather than raising mid-output."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def run_command(command: Command, argv: list[str]) -> int:
    """Run a scripted command: every failure is one ``hamish: ...`` line and exit status 2."""
    from hamish.core.export import ImportFormatError

    _tolerant_output()
    try:
        return command(argv)
    except SystemExit as leaving:  # argparse: --help (0) or a usage error (2)
        if leaving.code is None:
            return 0
        return leaving.code if isinstance(leaving.code, int) else 2
    except (CommandError, LoadError, StoreError, ImportFormatError) as failure:
        return fail(str(failure))
    except BrokenPipeError:
        _silence_stdout()
        return 141
    except OSError as failure:
        where = f"{failure.filename}: " if failure.filename else ""
        return fail(f"{where}{failure.strerror or failure}")
    except Exception as failure:  # a bug: still one line, but say what to report
        return fail(f"unexpected {type(failure).__name__}: {failure} (please report this)")


def _silence_stdout() -> None:
    """The reader of our output went away (``hamish list | head``): stop writing, quietly."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = COMMANDS.get(arguments[0]) if arguments else None
    try:
        if command is not None:
            return run_command(command, arguments[1:])
        return open_reader(arguments)
    except KeyboardInterrupt:
        return 130
