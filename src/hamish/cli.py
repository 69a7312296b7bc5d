"""``hamish [PATH...]`` opens the reader; ``hamish COMMAND ...`` runs a command without a UI.

This module imports almost nothing: each command's module is imported when it runs, and the
reader's (Textual, the store, the loaders) when the reader opens. So ``hamish --version`` costs
little more than starting Python, scripted commands (``hamish export``, ``hamish annotate`` ...)
never load Textual or Rich and work where there is no terminal, and the reader's first screen
does not wait for code only the commands use.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from hamish import __version__, collector

if TYPE_CHECKING:
    import argparse

Command = Callable[[list[str]], int]
BIDI_MODES = ("app", "terminal")
"""``core.config.BIDI_MODES``, repeated so that ``--version`` and ``--help`` need no settings
module (a test keeps the two equal)."""


def _reader_parser() -> argparse.ArgumentParser:
    import argparse

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


def open_reader(argv: list[str]) -> int:
    if any(arg.startswith("-") for arg in argv):
        args = _reader_parser().parse_args(argv)  # --version and --help end here
        paths, bidi, shaping = args.paths, args.bidi, not args.no_shaping
    else:  # only paths, the usual start: nothing for argparse to do
        paths, bidi, shaping = argv, None, True
    from hamish.ui.launch import open_reader as read

    return read(paths, bidi=bidi, shaping=shaping)


def _command(module: str, function: str = "run") -> Command:
    """``hamish.commands.<module>.<function>``, imported only when the command is used."""

    def run(argv: list[str]) -> int:
        loaded = importlib.import_module(f"hamish.commands.{module}")
        collector.resume()
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
    from hamish.commands.common import CommandError, fail
    from hamish.core.export.web_annotation_import import ImportFormatError
    from hamish.core.loaders.errors import LoadError
    from hamish.core.store.errors import StoreError

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
    collector.pause()
    command = COMMANDS.get(arguments[0]) if arguments else None
    try:
        if command is not None:
            return run_command(command, arguments[1:])
        return open_reader(arguments)
    except KeyboardInterrupt:
        return 130
    finally:
        collector.resume()
