"""The entry point's promises for every command: help, usage errors, one-line failures, and
visual order only where a terminal is reading."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from hamish import cli
from hamish.commands.output import Display
from hamish.core.annotations.model import Color
from hamish.core.config import Config
from tests.cli.conftest import SAMPLE, Hamish, assert_one_error_line


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_every_command_has_help(hamish: Hamish, command: str) -> None:
    result = hamish(command, "--help")
    assert result.code == 0
    assert result.out.startswith(f"usage: hamish {command}")


@pytest.mark.parametrize("command", ["annotate", "import", "notes", "search", "add"])
def test_missing_arguments_are_usage_errors(hamish: Hamish, command: str) -> None:
    result = hamish(command)
    assert result.code == 2
    assert "error: the following arguments are required" in result.err


def test_an_unexpected_failure_is_still_one_line(
    hamish: Hamish, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(argv: list[str]) -> int:
        raise RuntimeError("something\nsurprising")

    monkeypatch.setitem(cli.COMMANDS, "list", broken)
    result = hamish("list")
    assert result.code == 2
    assert_one_error_line(result.err, "RuntimeError", "something␊surprising", "report")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_visual_order_only_on_a_terminal_unless_told() -> None:
    assert Display.for_stream(Terminal()).visual
    assert not Display.for_stream(io.StringIO()).visual
    assert not Display.for_stream(Terminal(), "logical").visual
    assert Display.for_stream(io.StringIO(), "visual").visual


def test_logical_text_is_the_real_text_minus_controls() -> None:
    display = Display(visual=False, width=40)
    assert display.inline("سلام\n  world") == "سلام world"
    assert display.block("one\n\x1b[2Jtwo", indent=2) == ["  one", "  ␛[2Jtwo"]


class Opened:
    """Stands in for the app: records the settings ``hamish PATH`` opens it with."""

    seen: list[Config] = []
    recovery_file = None
    return_code = 0

    def __init__(self, articles: object, *, config: Config, **options: object) -> None:
        self.seen.append(config)

    def run(self) -> None:
        pass

    def close_store(self) -> None:
        pass


@pytest.mark.parametrize(
    ("options", "bidi", "shaping"),
    [
        ((), "app", True),
        (("--bidi", "terminal"), "terminal", True),
        (("--no-shaping",), "app", False),
    ],
)
def test_command_line_options_override_the_settings_file(
    hamish: Hamish,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    options: tuple[str, ...],
    bidi: str,
    shaping: bool,
) -> None:
    (tmp_path / "config.toml").write_text('color = "pink"\nbidi = "app"\n', encoding="utf-8")
    monkeypatch.setattr("hamish.ui.app.HamishApp", Opened)
    Opened.seen.clear()
    assert hamish(*options, SAMPLE).code == 0
    [config] = Opened.seen
    assert config == Config(color=Color.PINK, bidi=bidi, shaping=shaping)  # type: ignore[arg-type]
